package io.wharf.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProcessProbeTest {

    @Test
    void g1() {
        String info = "13407:\n garbage-first heap   total 1048576K, used 800352K [0x0000000680000000, 0x08)\n"
                + "  region size 4096K, 12 young (49152K), 2 survivors (8192K)\n"
                + " Metaspace       used 9915K, committed 10112K, reserved 1114112K\n";
        assertEquals(800352, ProcessProbe.parseHeapUsedKiB(info));
    }

    @Test
    void serialSumsGenerations() {
        String info = " def new generation   total 9792K, used 1000K [0x0, 0x1, 0x2)\n"
                + "  eden space 8704K,  11% used [0x0, 0x1, 0x2)\n"
                + " tenured generation   total 21888K, used 500K [0x0, 0x1, 0x2)\n";
        assertEquals(1500, ProcessProbe.parseHeapUsedKiB(info));
    }

    @Test
    void unknownFormat() {
        assertEquals(-1, ProcessProbe.parseHeapUsedKiB(" ZHeap  used 8M, capacity 512M, max capacity 4096M\n"));
    }
}
