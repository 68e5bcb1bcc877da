package com.imagecogni.delivery;

import com.imagecogni.support.Bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

/** The postback's multipart/form-data body, byte for byte: the signature covers exactly these bytes. */
class MultipartBodyTest {

    private static final Pattern BOUNDARY = Pattern.compile("multipart/form-data; boundary=(imagecogni-[0-9A-Za-z]{24})");
    private static final String JOB = "0b6c1f2e-8a4d-4c3e-9f10-2d7a5b8c9e01";
    private static final String CONFIG = "5e2d9c7a-1b3f-4a6e-8d0c-7f4b2a9e6c13";

    @Test
    void thePostbackBodyIsExactlyTheZipPartThenTheJobAndConfigurationFields() throws IOException {
        byte[] zip = zip("output/400w/photo.png", new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
        // as PostbackSender builds it
        MultipartBody body = new MultipartBody().file("outputZipFile", JOB + ".zip", "application/zip", zip).field("jobId", JOB)
                .field("configId", CONFIG);
        String boundary = boundaryOf(body);

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(ascii("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"outputZipFile\"; filename=\"" + JOB + ".zip\"\r\n"
                + "Content-Type: application/zip\r\n"
                + "\r\n"));
        expected.writeBytes(zip);
        expected.writeBytes(ascii("\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"jobId\"\r\n"
                + "\r\n"
                + JOB + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"configId\"\r\n"
                + "\r\n"
                + CONFIG + "\r\n"
                + "--" + boundary + "--\r\n"));
        assertArrayEquals(expected.toByteArray(), concat(body.chunks()));
        assertEquals(expected.size(), new PostbackContent.Body(body.contentType(), body.chunks()).length(),
                "the Content-Length sent with it");
    }

    @Test
    void theZipPartCarriesTheCallersBytesUncopiedAndStillUnzips() throws IOException {
        byte[] zip = zip("manifest.json", "{\"sources\": 1}".getBytes(StandardCharsets.UTF_8));
        MultipartBody body = new MultipartBody().file("outputZipFile", JOB + ".zip", "application/zip", zip).field("jobId", JOB);
        List<byte[]> chunks = body.chunks();
        assertSame(zip, chunks.get(1), "a result of tens of MB is not copied a second time");

        byte[] whole = concat(chunks);
        byte[] head = ascii("Content-Type: application/zip\r\n\r\n");
        int start = Bytes.indexOf(whole, head, 0) + head.length;
        int end = Bytes.indexOf(whole, ascii("\r\n--" + boundaryOf(body)), start);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(whole, start, end - start))) {
            ZipEntry entry = in.getNextEntry();
            assertEquals("manifest.json", entry.getName());
            assertEquals("{\"sources\": 1}", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertNull(in.getNextEntry());
        }
    }

    @Test
    void fieldValuesAreUtf8AndAnEmptyBodyIsJustTheClosingBoundary() {
        MultipartBody body = new MultipartBody().field("note", "caf\u00e9 \u2615");
        String boundary = boundaryOf(body);
        assertArrayEquals(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\ncaf\u00e9 \u2615\r\n--" + boundary
                + "--\r\n").getBytes(StandardCharsets.UTF_8), concat(body.chunks()));

        MultipartBody empty = new MultipartBody();
        assertArrayEquals(ascii("--" + boundaryOf(empty) + "--\r\n"), concat(empty.chunks()));
    }

    @Test
    void askingForTheChunksTwiceGivesTheSameBodyWithOneClosingBoundary() {
        MultipartBody body = new MultipartBody().file("f", "a.bin", "application/octet-stream", new byte[] { 1, 2, 3 });
        byte[] first = concat(body.chunks());
        byte[] second = concat(body.chunks());
        assertArrayEquals(first, second, "the body that was signed is the body that is sent");
        assertEquals(1, count(second, ascii("--" + boundaryOf(body) + "--")));
    }

    @Test
    void theBoundaryIsALegalMultipartBoundary() {
        String contentType = new MultipartBody().contentType();
        Matcher m = BOUNDARY.matcher(contentType);
        assertTrue(m.matches(), contentType);
        // RFC 2046: 1 to 70 characters; letters, digits and '-' need no quoting in the header
        assertTrue(m.group(1).length() <= 70);
    }

    @Test
    void everyBodyHasAFreshBoundaryThatItsDataDoesNotContain() {
        // a result may contain anything, even an earlier postback (a ZIP of saved webhook requests): the previous body
        // is wrapped each time, and each new boundary must differ from every one before and occur only as a delimiter
        Set<String> boundaries = new HashSet<>();
        byte[] data = ascii("--imagecogni-\r\n--imagecogni--\r\n"); // the fixed prefix alone, as a receiver sees it
        for (int i = 0; i < 300; i++) {
            MultipartBody body = new MultipartBody().file("outputZipFile", "x.zip", "application/zip", data).field("jobId", JOB);
            String boundary = boundaryOf(body);
            assertTrue(boundaries.add(boundary), "boundary reused: " + boundary);
            assertEquals(-1, Bytes.indexOf(data, ascii(boundary), 0), "the boundary appears inside the data it wraps");
            byte[] whole = concat(body.chunks());
            assertEquals(3, count(whole, ascii("--" + boundary)), "two part delimiters and the closing one, nothing else");
            data = whole;
        }
    }

    private static String boundaryOf(MultipartBody body) {
        Matcher m = BOUNDARY.matcher(body.contentType());
        assertTrue(m.matches(), body.contentType());
        return m.group(1);
    }

    private static byte[] zip(String name, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    private static byte[] concat(List<byte[]> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static int count(byte[] data, byte[] pattern) {
        int n = 0;
        for (int at = Bytes.indexOf(data, pattern, 0); at >= 0; at = Bytes.indexOf(data, pattern, at + 1)) {
            n++;
        }
        return n;
    }
}
