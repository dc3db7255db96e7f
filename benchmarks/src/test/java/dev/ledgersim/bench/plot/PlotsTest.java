package dev.ledgersim.bench.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class PlotsTest {

    static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static LineChart lines() {
        return LineChart.builder("Throughput <& \"quotes\">", "batch size", "tx/s")
                .series("committed", List.of(new Point(10, 240), new Point(50, 250), new Point(100, Double.NaN), new Point(200, 249)))
                .series("valid", List.of(new Point(10, 230), new Point(50, 245)))
                .build();
    }

    static Document parseXml(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void svgIsWellFormedXmlWithTheDataAndEscapedText() throws Exception {
        String svg = Plots.toSvg(lines(), 640, 400);
        Document doc = parseXml(svg);
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertEquals(2, doc.getElementsByTagName("polyline").getLength(),
                "the NaN splits 'committed'; its second part is a lone point, drawn as a marker only");
        assertEquals(5, doc.getElementsByTagName("circle").getLength(), "one marker per finite point");
        assertTrue(svg.contains("Throughput &lt;&amp; &quot;quotes&quot;&gt;"), svg);
    }

    @Test
    void pngHasTheMagicBytesAndTheSize(@TempDir Path dir) throws Exception {
        List<Path> files = Plots.write(lines(), dir, "throughput");
        assertEquals(List.of(dir.resolve("throughput.svg"), dir.resolve("throughput.png")), files);
        byte[] png = Files.readAllBytes(dir.resolve("throughput.png"));
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, 8));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(Plots.WIDTH, image.getWidth());
        assertEquals(Plots.HEIGHT, image.getHeight());
        assertEquals(0xffffff, image.getRGB(2, 2) & 0xffffff, "white background");
        parseXml(Files.readString(dir.resolve("throughput.svg")));
    }

    @Test
    void stackedBarsAndCategoricalAxes() throws Exception {
        StackedBarChart bars = new StackedBarChart("Stages", "policy", "ms", List.of("OR", "AND"),
                List.of("endorse", "order"), List.of(List.of(2.0, 20.0), List.of(4.0, 0.0)));
        Document doc = parseXml(Plots.toSvg(bars, 500, 300));
        // background + 2 legend swatches + 3 non-zero segments
        assertEquals(6, doc.getElementsByTagName("rect").getLength());
        assertTrue(Plots.toPng(bars, 500, 300).length > 100);
        LineChart categorical = LineChart.builder("t", "x", "y").categories(List.of("memory", "rocksdb"))
                .series("s", List.of(new Point(0, 1), new Point(1, 2))).build();
        assertTrue(Plots.toSvg(categorical, 500, 300).contains(">rocksdb</text>"));
        assertThrows(IllegalArgumentException.class, () -> new StackedBarChart("t", "x", "y", List.of("a"), List.of("s"),
                List.of(List.of(-1.0))));
    }

    @Test
    void ticksAreRoundAndCoverTheRange() {
        assertEquals(List.of(0.0, 50.0, 100.0, 150.0, 200.0, 250.0), Ticks.nice(0, 249, 6));
        assertEquals(List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0), Ticks.nice(0, 1, 6).stream().map(v -> Math.round(v * 10) / 10.0).toList());
        List<Double> flat = Ticks.nice(5, 5, 5);
        assertTrue(flat.get(0) <= 5 && flat.get(flat.size() - 1) >= 5);
        assertEquals("12.5k", Ticks.label(12_500));
        assertEquals("2.5", Ticks.label(2.5));
        assertEquals("1.5M", Ticks.label(1_500_000));
    }
}
