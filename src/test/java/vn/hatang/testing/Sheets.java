package vn.hatang.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/** Reads generated XLSX files back as a spreadsheet program would: sheets, the table under the title block, raw XML. */
public final class Sheets {
    private Sheets() {
    }

    /** Sheet names, in order. */
    public static List<String> names(byte[] xlsx) {
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            return wb.getSheets().map(Sheet::getName).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every row of a sheet, the title block included. */
    public static List<Row> rows(byte[] xlsx, int sheet) {
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            return wb.getSheets().toList().get(sheet).read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The table of a sheet: the header row (the first whose first cell is {@code firstHeader}) and the rows under it up to the first blank one. */
    public static List<Row> table(byte[] xlsx, int sheet, String firstHeader) {
        List<Row> all = rows(xlsx, sheet);
        List<Row> out = new ArrayList<>();
        int last = -1;
        for (Row r : all) {
            if (last < 0 && r.getCellCount() > 0 && firstHeader.equals(r.getCellText(0))) {
                last = r.getRowNum() - 1;
            }
            if (last >= 0) {
                if (r.getRowNum() != last + 1 || texts(r).stream().allMatch(String::isEmpty)) {
                    break; // a blank row (absent from the file, or with empty cells) ends the table
                }
                out.add(r);
                last = r.getRowNum();
            }
        }
        if (out.isEmpty()) {
            throw new AssertionError("no table headed " + firstHeader + " in sheet " + sheet);
        }
        return out;
    }

    public static List<String> texts(Row row) {
        return java.util.stream.IntStream.range(0, row.getCellCount()).mapToObj(row::getCellText).toList();
    }

    /** A part of the package, e.g. {@code xl/worksheets/sheet1.xml}, as text. */
    public static String part(byte[] xlsx, String name) {
        try {
            java.nio.file.Path tmp = java.nio.file.Files.createTempFile("hatang-sheet", ".xlsx");
            try {
                java.nio.file.Files.write(tmp, xlsx);
                try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(tmp.toFile())) {
                    var entry = zip.getEntry(name);
                    if (entry == null) {
                        throw new AssertionError("no part " + name);
                    }
                    return new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                }
            } finally {
                java.nio.file.Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
