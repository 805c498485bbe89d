package io.wharf.bench.load;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes chart panels side by side into one PNG under a one-line heading. Draws through {@link Graphics2D} into a
 * {@link BufferedImage} and encodes with {@link ImageIO}, so XChart's vector and GIF exporters (and their
 * dependencies) are never needed, and AWT runs headless: benchmark hosts rarely have a display.
 */
final class ChartWriter {

    private static final int HEADING_PX = 36;
    private static final int MARGIN_PX = 12;

    static {
        useHeadlessAwt();
    }

    private ChartWriter() {
    }

    /**
     * Headless AWT unless the user chose otherwise ({@code -Djava.awt.headless=false}). Must run before the first
     * AWT class that asks: the JDK reads the property once and keeps the answer.
     */
    static void useHeadlessAwt() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Draws {@code panels} left to right, each at its own size, below {@code heading}, into {@code png}. */
    static void write(Path png, String heading, Chart<?, ?>... panels) throws IOException {
        int width = 0;
        int height = 0;
        for (Chart<?, ?> c : panels) {
            width += c.getWidth();
            height = Math.max(height, c.getHeight());
        }
        BufferedImage image = new BufferedImage(Math.max(width, 1), height + HEADING_PX, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(heading, MARGIN_PX, HEADING_PX - MARGIN_PX);
            int x = 0;
            for (Chart<?, ?> c : panels) {
                Graphics2D panel = (Graphics2D) g.create(x, HEADING_PX, c.getWidth(), c.getHeight());
                try {
                    c.paint(panel, c.getWidth(), c.getHeight());
                } finally {
                    panel.dispose();
                }
                x += c.getWidth();
            }
        } finally {
            g.dispose();
        }
        try (OutputStream out = Files.newOutputStream(png)) {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG encoder in this JDK; cannot write " + png);
            }
        }
    }
}
