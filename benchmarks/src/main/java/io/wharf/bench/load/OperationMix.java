package io.wharf.bench.load;

import java.util.Locale;
import java.util.SplittableRandom;
import picocli.CommandLine;

/**
 * How often a {@code mixed} session picks each {@link MixedOp}: relative weights, as in
 * {@code list=30,get-small=30,put-small=25,get-large=7.5,put-large=7.5}. They need not add up to 100; a kind the
 * spec does not name has weight 0 and is never picked. Immutable, so all sessions share one.
 */
final class OperationMix {

    /**
     * A partner exchange: most traffic is listings and small files, some is bulk, and some partners connect, drop a
     * file and leave (the logins).
     */
    static final String DEFAULT = "list=15,mlsd=15,get-small=30,put-small=25,get-large=7.5,put-large=7.5,login=5";

    private final double[] weights;           // by ordinal
    private final double[] cumulative;        // running sums, for pick
    private final double total;

    private OperationMix(double[] weights) {
        this.weights = weights.clone();
        this.cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
        this.total = sum;
    }

    /** Parses {@code kind=weight,...}; throws IllegalArgumentException naming what is wrong. */
    static OperationMix parse(String spec) {
        double[] weights = new double[MixedOp.ALL.length];
        boolean[] isNamed = new boolean[weights.length];
        for (String part : spec.split(",")) {
            int eq = part.indexOf('=');
            String label = (eq < 0 ? part : part.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            MixedOp op = MixedOp.byLabel(label);
            if (op == null || eq < 0) {
                throw new IllegalArgumentException("expected kind=weight with kind one of " + labels() + ", got '"
                        + part.trim() + "'");
            }
            if (isNamed[op.ordinal()]) {
                throw new IllegalArgumentException(label + " given twice");
            }
            isNamed[op.ordinal()] = true;
            double weight;
            try {
                weight = Double.parseDouble(part.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a weight: '" + part.trim() + "'", e);
            }
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("a weight is a number of at least 0: '" + part.trim() + "'");
            }
            weights[op.ordinal()] = weight;
        }
        OperationMix mix = new OperationMix(weights);
        if (!(mix.total > 0)) {
            throw new IllegalArgumentException("at least one weight must be above 0");
        }
        return mix;
    }

    /** One kind, drawn with probability weight / total. Allocates nothing. */
    MixedOp pick(SplittableRandom random) {
        double x = random.nextDouble() * total;
        for (int i = 0; i < cumulative.length; i++) {
            if (x < cumulative[i]) {
                return MixedOp.ALL[i];
            }
        }
        // x * total can round up to total itself; the last kind with weight owns that end.
        for (int i = weights.length - 1; ; i--) {
            if (weights[i] > 0) {
                return MixedOp.ALL[i];
            }
        }
    }

    double weight(MixedOp op) {
        return weights[op.ordinal()];
    }

    /** The kind's share of all picks, 0 to 1. */
    double share(MixedOp op) {
        return weights[op.ordinal()] / total;
    }

    /** True when the kind can be picked. */
    boolean includes(MixedOp op) {
        return weights[op.ordinal()] > 0;
    }

    /** The spec of the kinds with weight, in the order of {@link MixedOp}: {@code list=15,mlsd=15,...}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (MixedOp op : MixedOp.ALL) {
            if (includes(op)) {
                s.append(s.length() == 0 ? "" : ",").append(op.label()).append('=').append(number(weight(op)));
            }
        }
        return s.toString();
    }

    /** {@code 30} rather than {@code 30.0}, {@code 7.5} as it is. */
    private static String number(double weight) {
        return weight == Math.rint(weight) && weight < 1e15 ? Long.toString((long) weight) : Double.toString(weight);
    }

    private static String labels() {
        StringBuilder s = new StringBuilder();
        for (MixedOp op : MixedOp.ALL) {
            s.append(s.length() == 0 ? "" : ", ").append(op.label());
        }
        return s.toString();
    }

    /** Lets picocli take a mix as an option value. */
    public static final class Converter implements CommandLine.ITypeConverter<OperationMix> {
        @Override
        public OperationMix convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
