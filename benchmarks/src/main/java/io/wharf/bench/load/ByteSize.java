package io.wharf.bench.load;

import java.util.Locale;
import picocli.CommandLine;

/** Byte counts as people type them, in binary units: {@code 4096}, {@code 512k}, {@code 64m}, {@code 1g}. */
public final class ByteSize {

    /** One MiB, the unit rates are reported in. */
    static final double MIB = 1024.0 * 1024.0;

    private ByteSize() {
    }

    /** Parses a size; suffixes k, m, g, t (optionally followed by "b" or "ib") are powers of 1024. */
    static long parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.endsWith("ib")) {
            v = v.substring(0, v.length() - 2);
        } else if (v.endsWith("b")) {
            v = v.substring(0, v.length() - 1);
        }
        int shift = 0;
        if (!v.isEmpty()) {
            shift = switch (v.charAt(v.length() - 1)) {
                case 'k' -> 10;
                case 'm' -> 20;
                case 'g' -> 30;
                case 't' -> 40;
                default -> 0;
            };
        }
        String digits = shift == 0 ? v : v.substring(0, v.length() - 1);
        long n = Long.parseLong(digits);
        if (n < 0 || n > (Long.MAX_VALUE >> shift)) {
            throw new NumberFormatException("size out of range: " + value);
        }
        return n << shift;
    }

    /** {@code 268435456} as {@code "256.0 MiB"}. */
    static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** Lets picocli take a size as an option value. */
    public static final class Converter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return parse(value);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("not a size: " + value + " (e.g. 64m, 1g)");
            }
        }
    }
}
