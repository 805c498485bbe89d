package io.wharf.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OperationMixTest {

    @Test
    void parsesWeightsAndLeavesUnnamedKindsOut() {
        OperationMix mix = OperationMix.parse("list=30, get-small=30,put-small=25,get-large=7.5,put-large=7.5");
        assertEquals(0.3, mix.share(MixedOp.LIST), 1e-12);
        assertEquals(0.075, mix.share(MixedOp.PUT_LARGE), 1e-12);
        assertFalse(mix.includes(MixedOp.MLSD));
        assertFalse(mix.includes(MixedOp.LOGIN));
        assertEquals("list=30,get-small=30,put-small=25,get-large=7.5,put-large=7.5", mix.toString());
        assertEquals(OperationMix.DEFAULT, OperationMix.parse(OperationMix.DEFAULT).toString());
    }

    @Test
    void rejectsWhatIsNotAMix() {
        for (String bad : new String[] {"", "list", "lst=1", "list=-1", "list=x", "list=NaN", "list=1,list=2",
            "list=0,mlsd=0"}) {
            assertThrows(IllegalArgumentException.class, () -> OperationMix.parse(bad), bad);
        }
    }

    @Test
    void picksAreSeededAndFollowTheWeights() {
        OperationMix mix = OperationMix.parse("list=1,get-small=3,login=0");
        SplittableRandom a = new SplittableRandom(7);
        SplittableRandom b = new SplittableRandom(7);
        int[] counts = new int[MixedOp.ALL.length];
        int picks = 40_000;
        for (int i = 0; i < picks; i++) {
            MixedOp op = mix.pick(a);
            assertEquals(op, mix.pick(b), "same seed, same picks");
            counts[op.ordinal()]++;
        }
        assertEquals(picks, counts[MixedOp.LIST.ordinal()] + counts[MixedOp.GET_SMALL.ordinal()]);
        assertTrue(Math.abs(counts[MixedOp.LIST.ordinal()] - picks / 4) < picks / 100, "about a quarter lists");
    }

    @Test
    void sizeRangesSpreadEvenly() {
        SizeRange range = SizeRange.parse("4k-64k");
        assertEquals(8, range.count(8));
        assertEquals(4096, range.size(0, 8));
        assertEquals(65536, range.size(7, 8));
        SizeRange one = SizeRange.parse("10k");
        assertEquals(1, one.count(8));
        assertEquals(10240, one.size(0, 1));
        assertThrows(IllegalArgumentException.class, () -> SizeRange.parse("64k-4k"));
    }
}
