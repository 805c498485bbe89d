package io.wharf.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PassiveReplyTest {

    @Test
    void epsv() {
        assertEquals(30042, PassiveReply.epsvPort("229 Entering Extended Passive Mode (|||30042|)"));
        assertEquals(6446, PassiveReply.epsvPort("229 ok (!!!6446!)"));
        assertThrows(IllegalArgumentException.class, () -> PassiveReply.epsvPort("229 no port"));
    }

    @Test
    void pasvWithAndWithoutParentheses() {
        assertEquals(117 * 256 + 48, PassiveReply.pasvPort("227 Entering Passive Mode (127,0,0,1,117,48)"));
        assertEquals(117 * 256 + 48, PassiveReply.pasvPort("227 Entering Passive Mode 127,0,0,1,117,48"));
        assertThrows(IllegalArgumentException.class, () -> PassiveReply.pasvPort("227 (127,0,0,1,300,1)"));
    }
}
