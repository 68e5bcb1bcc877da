package com.imagecogni.pipeline.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The registry of resize templates offered by {@code GET /api/v1/templates} (SPEC section 5). */
public final class Templates {

    private static final Map<String, Template> BY_NAME = new LinkedHashMap<>();

    static {
        add("facebook-cover", "Facebook", 820, 312);
        add("facebook-post", "Facebook", 1200, 630);
        add("instagram-square", "Instagram", 1080, 1080);
        add("instagram-portrait", "Instagram", 1080, 1350);
        add("instagram-landscape", "Instagram", 1080, 566);
        add("instagram-story", "Instagram", 1080, 1920);
        add("twitter-post", "X (Twitter)", 1600, 900);
        add("twitter-header", "X (Twitter)", 1500, 500);
        add("linkedin-post", "LinkedIn", 1200, 627);
        add("linkedin-cover", "LinkedIn", 1584, 396);
        add("youtube-thumbnail", "YouTube", 1280, 720);
        add("youtube-banner", "YouTube", 2560, 1440);
        add("pinterest-pin", "Pinterest", 1000, 1500);
        add("tiktok-video", "TikTok", 1080, 1920);
    }

    private Templates() {
    }

    private static void add(String name, String platform, int width, int height) {
        BY_NAME.put(name, new Template(name, platform, width, height));
    }

    public static Optional<Template> find(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
    }

    public static List<Template> all() {
        return List.copyOf(BY_NAME.values());
    }
}
