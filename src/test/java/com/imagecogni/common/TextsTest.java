package com.imagecogni.common;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Clipping stored text keeps it valid UTF-16. */
class TextsTest {

    @Test
    void clipsToTheLimitWithoutSplittingASurrogatePair() {
        assertNull(Texts.clip(null, 3));
        assertEquals("abc", Texts.clip("abc", 3));
        assertEquals("ab", Texts.clip("abcdef", 2));
        String smile = "ab\uD83D\uDE00cd"; // a, b, U+1F600 (two chars), c, d
        assertEquals("ab", Texts.clip(smile, 3), "the pair would be cut in half: left out whole");
        assertEquals("ab\uD83D\uDE00", Texts.clip(smile, 4));
    }
}
