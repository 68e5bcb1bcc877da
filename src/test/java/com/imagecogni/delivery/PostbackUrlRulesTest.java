package com.imagecogni.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.imagecogni.outbound.UrlRules;

/** The postback-URL rules that need no name lookup, as configuration save and every send apply them. */
class PostbackUrlRulesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ftp://files.example.com/x          | must be an absolute http or https URL",
            "/hooks/images                      | must be an absolute http or https URL",
            "hooks.example.com/in               | must be an absolute http or https URL",
            "http://exa mple.com/               | is not a valid URL",
            "http:///hook                       | must name a host",
            "http:hooks.example.com             | must name a host",
            "https://user:pw@hooks.example.com/ | must not contain credentials; the postback is signed instead" })
    void aUrlOfTheWrongFormIsAFieldError(String url, String message) {
        assertEquals(Optional.of(new UrlRules.Refusal(false, message)), PostbackTargets.checkWithoutLookup(url));
    }

    @Test
    void aUrlLongerThanTheColumnIsAFieldError() {
        String atLimit = "https://hooks.example.com/" + "a".repeat(PostbackTargets.MAX_LENGTH - 26);
        assertEquals(PostbackTargets.MAX_LENGTH, atLimit.length());
        assertFalse(PostbackTargets.checkWithoutLookup(atLimit).isPresent());
        assertEquals(Optional.of(new UrlRules.Refusal(false, "must be at most 2048 characters")),
                PostbackTargets.checkWithoutLookup(atLimit + "a"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://2130706433/hook", "http://0x7f.0.0.1/", "http://0177.0.0.1/", "http://u@0x7f.1:8080/" })
    void ipv4InNumberFormIsAnAddressRefusalNotAMissingHost(String url) {
        UrlRules.Refusal refusal = PostbackTargets.checkWithoutLookup(url).orElseThrow();
        assertTrue(refusal.address(), url);
        assertTrue(refusal.message().endsWith(" is an IPv4 address in decimal, octal or hex notation"), refusal.message());
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://hooks.example.com/in", "http://hooks.example.com:8080/in?x=1", "HTTPS://Hooks.Example.com/",
            "http://127.0.0.1:9/hook", "http://[2606:4700:4700::1111]/" })
    void wellFormedUrlsPassTheFormRules(String url) {
        assertFalse(PostbackTargets.checkWithoutLookup(url).isPresent(), url);
    }

    @Test
    void aSendRefusesTheSameFormsBeforeAnyLookup() {
        PostbackTargets targets = new PostbackTargets();
        assertEquals("the postback URL must not contain credentials; the postback is signed instead",
                assertThrows(UrlRules.RefusedTarget.class, () -> targets.resolve("https://u:p@hooks.example.com/"))
                        .getMessage());
        assertEquals("the postback URL must be an absolute http or https URL",
                assertThrows(UrlRules.RefusedTarget.class, () -> targets.resolve("ftp://files.example.com/x"))
                        .getMessage());
        assertEquals("the host 2130706433 is an IPv4 address in decimal, octal or hex notation",
                assertThrows(UrlRules.RefusedTarget.class, () -> targets.resolve("http://2130706433/hook"))
                        .getMessage());
    }
}
