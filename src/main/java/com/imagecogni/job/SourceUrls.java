package com.imagecogni.job;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.imagecogni.common.ApiException;
import com.imagecogni.common.FieldErrors;
import com.imagecogni.common.Problem;
import com.imagecogni.outbound.UrlRules;

/**
 * The rules a source URL must meet when a job names it (SPEC section 6): those of {@link UrlRules} that need no name
 * lookup (an absolute http or https URL of at most {@value UrlRules#MAX_LENGTH} characters naming a host, no
 * credentials, no IPv4 in number forms, no IP address the address policy refuses), and at most {@code
 * imagecogni.fetch.max-urls} of them. Names are looked up, and every address checked, when the worker fetches.
 */
final class SourceUrls {

    /** How refusals of a source URL are worded, at intake and when it is fetched. */
    static final UrlRules.Use USE = new UrlRules.Use("source URL", "", "source URLs must point to a public address");

    private SourceUrls() {
    }

    /**
     * The URLs, trimmed, or a 422 naming each bad one by its index: {@code too_many_source_urls} past {@code max},
     * {@code invalid_source_url} for any of the wrong form, else {@code source_url_not_allowed} for any pointing where
     * sources may not be fetched from.
     *
     * @param field the field as the request names it: {@code $.sourceUrls} (JSON) or {@code sourceUrls} (multipart)
     */
    static List<String> check(List<String> urls, String field, int max, boolean allowPrivate) {
        if (urls.size() > max) {
            throw new ApiException(422, "too_many_source_urls", "A job may name at most " + max + " source URLs; this"
                    + " request names " + urls.size() + ".", List.of(new Problem.FieldError(field + "[" + max + "]",
                            "is more than the " + max + " source URLs a job may name")), null);
        }
        List<String> trimmed = new ArrayList<>(urls.size());
        FieldErrors form = new FieldErrors();
        FieldErrors address = new FieldErrors();
        for (int i = 0; i < urls.size(); i++) {
            String url = urls.get(i) == null ? "" : urls.get(i).trim();
            trimmed.add(url);
            Optional<UrlRules.Refusal> refusal = UrlRules.checkWithoutLookup(url, USE, allowPrivate);
            if (refusal.isPresent()) {
                (refusal.get().address() ? address : form).add(new Problem.FieldError(field + "[" + i + "]",
                        refusal.get().message()));
            }
        }
        if (!form.isEmpty()) {
            throw refusal("invalid_source_url", form);
        }
        if (!address.isEmpty()) {
            throw refusal("source_url_not_allowed", address);
        }
        return trimmed;
    }

    private static ApiException refusal(String code, FieldErrors errors) {
        Problem.FieldError first = errors.get(0);
        String detail = errors.total() == 1 ? "The source URL at " + first.path() + " " + first.message() + "."
                : errors.total() + " source URLs are refused; " + errors.summary() + ".";
        return new ApiException(422, code, detail, List.copyOf(errors), null);
    }

    /**
     * The name a source named by URL is known by (in the job status, the manifest, its outputs' file names): its
     * path's last segment, decoded, or {@code source} when the path has none. The URL must have passed {@link #check}.
     */
    static String nameOf(String url) {
        String path = URI.create(url).getPath();
        String last = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        return Upload.storableName(last);
    }
}
