package com.imagecogni.pipeline.codec.heif;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a HEIC whose primary item is a 'grid' of HEVC tiles, the way iPhones store photos (libheif 1.15 cannot write
 * grids). Each tile is coded by x265 through libheif as a one-image HEIC, whose hvcC box and coded data are lifted out
 * and arranged in a new file: ftyp, meta (hdlr, pitm, iinf, iref dimg, iprp with ipco/ipma, iloc) and one mdat.
 */
final class HeifGridFile {

    private HeifGridFile() {
    }

    /**
     * @param tiles row-major, {@code rows * columns} single-image HEIC files of equal size
     * @param outputWidth the grid's output size, at most the tiles' total (libheif crops the rest)
     */
    static byte[] build(List<byte[]> tiles, int rows, int columns, int tileWidth, int tileHeight, int outputWidth,
            int outputHeight) {
        int n = tiles.size();
        List<byte[]> hvcc = new ArrayList<>();
        List<byte[]> data = new ArrayList<>();
        for (byte[] tile : tiles) {
            hvcc.add(box(tile, "hvcC"));
            byte[] mdat = box(tile, "mdat");
            data.add(java.util.Arrays.copyOfRange(mdat, 8, mdat.length));
        }
        byte[] grid = ByteBuffer.allocate(8).put((byte) 0).put((byte) 0).put((byte) (rows - 1))
                .put((byte) (columns - 1)).putShort((short) outputWidth).putShort((short) outputHeight).array();
        byte[] ftyp = box("ftyp", concat("heic".getBytes(StandardCharsets.US_ASCII), new byte[4],
                "mif1heic".getBytes(StandardCharsets.US_ASCII)));
        // the meta box has the same size whatever the offsets are: build it once to learn where mdat starts
        int metaSize = meta(n, hvcc, grid.length, data, 0, tileWidth, tileHeight, outputWidth, outputHeight).length;
        int mdatPayload = ftyp.length + metaSize + 8;
        byte[] meta = meta(n, hvcc, grid.length, data, mdatPayload, tileWidth, tileHeight, outputWidth, outputHeight);
        ByteArrayOutputStream mdat = new ByteArrayOutputStream();
        mdat.writeBytes(grid);
        data.forEach(mdat::writeBytes);
        return concat(ftyp, meta, box("mdat", mdat.toByteArray()));
    }

    private static byte[] meta(int n, List<byte[]> hvcc, int gridLength, List<byte[]> data, int mdatPayload,
            int tileWidth, int tileHeight, int outputWidth, int outputHeight) {
        byte[] hdlr = fullBox("hdlr", concat(new byte[4], "pict".getBytes(StandardCharsets.US_ASCII), new byte[13]));
        byte[] pitm = fullBox("pitm", u16(1));
        ByteArrayOutputStream infes = new ByteArrayOutputStream();
        infes.writeBytes(u16(n + 1));
        infes.writeBytes(infe(1, "grid"));
        for (int i = 0; i < n; i++) {
            infes.writeBytes(infe(i + 2, "hvc1"));
        }
        byte[] iinf = fullBox("iinf", infes.toByteArray());
        ByteArrayOutputStream dimg = new ByteArrayOutputStream();
        dimg.writeBytes(u16(1));
        dimg.writeBytes(u16(n));
        for (int i = 0; i < n; i++) {
            dimg.writeBytes(u16(i + 2));
        }
        byte[] iref = fullBox("iref", box("dimg", dimg.toByteArray()));
        // properties: 1..n = each tile's hvcC, n+1 = tile ispe, n+2 = grid ispe
        ByteArrayOutputStream ipco = new ByteArrayOutputStream();
        hvcc.forEach(ipco::writeBytes);
        ipco.writeBytes(fullBox("ispe", concat(u32(tileWidth), u32(tileHeight))));
        ipco.writeBytes(fullBox("ispe", concat(u32(outputWidth), u32(outputHeight))));
        ByteArrayOutputStream ipma = new ByteArrayOutputStream();
        ipma.writeBytes(u32(n + 1));
        ipma.writeBytes(u16(1));
        ipma.write(1);
        ipma.write(n + 2);
        for (int i = 0; i < n; i++) {
            ipma.writeBytes(u16(i + 2));
            ipma.write(2);
            ipma.write(0x80 | (i + 1)); // hvcC is essential
            ipma.write(n + 1);
        }
        byte[] iprp = box("iprp", concat(box("ipco", ipco.toByteArray()), fullBox("ipma", ipma.toByteArray())));
        ByteArrayOutputStream iloc = new ByteArrayOutputStream();
        iloc.write(0x44); // offset_size 4, length_size 4
        iloc.write(0x00); // base_offset_size 0
        iloc.writeBytes(u16(n + 1));
        int offset = mdatPayload;
        iloc.writeBytes(concat(u16(1), u16(0), u16(1), u32(offset), u32(gridLength)));
        offset += gridLength;
        for (int i = 0; i < n; i++) {
            iloc.writeBytes(concat(u16(i + 2), u16(0), u16(1), u32(offset), u32(data.get(i).length)));
            offset += data.get(i).length;
        }
        return fullBox("meta", concat(hdlr, pitm, iinf, iref, iprp, fullBox("iloc", iloc.toByteArray())));
    }

    private static byte[] infe(int id, String type) {
        ByteBuffer body = ByteBuffer.allocate(4 + 2 + 2 + 4 + 1);
        body.put((byte) 2).put(new byte[3]); // version 2, flags 0
        body.putShort((short) id).putShort((short) 0).put(type.getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
        return box("infe", body.array());
    }

    /** The first box of {@code type} in {@code file} (found by its 4CC), header included. */
    static byte[] box(byte[] file, String type) {
        byte[] fourcc = type.getBytes(StandardCharsets.US_ASCII);
        for (int i = 4; i + 4 <= file.length; i++) {
            if (file[i] == fourcc[0] && file[i + 1] == fourcc[1] && file[i + 2] == fourcc[2] && file[i + 3] == fourcc[3]) {
                int size = ByteBuffer.wrap(file, i - 4, 4).getInt();
                return java.util.Arrays.copyOfRange(file, i - 4, i - 4 + size);
            }
        }
        throw new IllegalArgumentException("no " + type + " box");
    }

    private static byte[] box(String type, byte[] body) {
        return concat(u32(8 + body.length), type.getBytes(StandardCharsets.US_ASCII), body);
    }

    private static byte[] fullBox(String type, byte[] body) {
        return box(type, concat(new byte[4], body));
    }

    private static byte[] u16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    private static byte[] u32(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
