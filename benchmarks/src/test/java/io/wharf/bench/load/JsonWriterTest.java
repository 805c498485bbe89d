package io.wharf.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void nestsAndEscapes() {
        String json = new JsonWriter().beginObject()
                .field("a", 1)
                .field("s", "q\"\\\n")
                .name("list").beginArray().value(1.5).value(true).value((String) null).endArray()
                .name("empty").beginObject().endObject()
                .field("nan", Double.NaN)
                .endObject().toString();
        assertEquals("{\n  \"a\": 1,\n  \"s\": \"q\\\"\\\\\\n\",\n"
                + "  \"list\": [\n    1.500,\n    true,\n    null\n  ],\n"
                + "  \"empty\": {},\n  \"nan\": null\n}", json);
    }
}
