package io.wharf.bench.load;

import picocli.CommandLine;

/**
 * File sizes from {@code min} to {@code max}, as {@code 4k-64k}, or one size ({@code 10k}), in {@link ByteSize}
 * notation. A run uses {@link #steps} sizes spread evenly over the range rather than any size in it, so each can be
 * a file prepared on the server.
 *
 * @param min smallest size in bytes
 * @param max largest size in bytes, at least {@code min}
 */
record SizeRange(long min, long max) {

    SizeRange {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("sizes must run from low to high: " + min + "-" + max);
        }
    }

    /** How many sizes the range stands for: one when min equals max, otherwise {@code steps}. */
    int count(int steps) {
        return min == max ? 1 : steps;
    }

    /** Size {@code i} of {@code n}: {@code min} for the first, {@code max} for the last, evenly between. */
    long size(int i, int n) {
        return n <= 1 ? min : min + (max - min) * i / (n - 1);
    }

    /** {@code 4.0 KiB..64.0 KiB}, or one size. */
    @Override
    public String toString() {
        return min == max ? ByteSize.format(min) : ByteSize.format(min) + ".." + ByteSize.format(max);
    }

    /** Parses {@code SIZE} or {@code MIN-MAX}. */
    static SizeRange parse(String value) {
        int dash = value.indexOf('-');
        if (dash < 0) {
            long size = ByteSize.parse(value);
            return new SizeRange(size, size);
        }
        return new SizeRange(ByteSize.parse(value.substring(0, dash)), ByteSize.parse(value.substring(dash + 1)));
    }

    /** Lets picocli take a range as an option value. */
    public static final class Converter implements CommandLine.ITypeConverter<SizeRange> {
        @Override
        public SizeRange convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {   // NumberFormatException included
                throw new CommandLine.TypeConversionException("not a size or range: " + value + " (e.g. 4k-64k)");
            }
        }
    }
}
