package io.simdex.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

class SvgPlotTest {

    private static final List<SvgPlot.Series> SERIES = List.of(
            new SvgPlot.Series("simdex 1 thread", List.of(new double[] {1e4, 0.3}, new double[] {1e5, 6},
                    new double[] {1e6, 55}), false),
            new SvgPlot.Series("FAISS <IndexFlatIP> & co", List.of(new double[] {1e4, 3}, new double[] {1e6, 296}),
                    false),
            new SvgPlot.Series("memory floor 1 thread", List.of(new double[] {1e4, 0.2}, new double[] {1e6, 50}), true),
            new SvgPlot.Series("not measured", List.of(), false));

    @Test
    void is_well_formed_svg_with_one_polyline_per_measured_series() throws Exception {
        Document svg = parse(SvgPlot.render("title", "n", "ms", SERIES));

        assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg.getDocumentElement().getAttribute("xmlns")).isEqualTo("http://www.w3.org/2000/svg");
        List<Element> lines = polylines(svg);
        assertThat(lines).extracting(e -> e.getAttribute("data-name"))
                .containsExactly("simdex 1 thread", "FAISS <IndexFlatIP> & co", "memory floor 1 thread");
        assertThat(lines.get(0).getAttribute("points").split(" ")).hasSize(3);
        assertThat(lines.get(2).getAttribute("stroke-dasharray")).isNotEmpty();
    }

    @Test
    void names_the_machine_under_the_title_and_in_its_description() throws Exception {
        Document svg = parse(SvgPlot.render("title", "AMD EPYC, 2 cores, flags avx2 avx512f avx512_vnni", "n", "ms",
                SERIES));

        assertThat(svg.getElementsByTagName("desc").item(0).getTextContent())
                .isEqualTo("AMD EPYC, 2 cores, flags avx2 avx512f avx512_vnni");
        assertThat(svg.getDocumentElement().getTextContent()).contains("flags avx2 avx512f avx512_vnni");
        assertThat(parse(SvgPlot.render("title", "n", "ms", SERIES)).getElementsByTagName("desc").getLength())
                .isZero();
    }

    @Test
    void axes_are_logarithmic_with_a_tick_per_decade() throws Exception {
        Document svg = parse(SvgPlot.render("title", "n", "ms", SERIES));

        List<Double> xTicks = tickPositions(svg, "x-axis", "x1");
        assertThat(xTicks).hasSize(3); // 10k, 100k, 1M
        assertThat(xTicks.get(1) - xTicks.get(0)).isCloseTo(xTicks.get(2) - xTicks.get(1), within(0.2));
        assertThat(texts(svg, "x-axis")).containsExactly("10k", "100k", "1M");
        assertThat(texts(svg, "y-axis")).containsExactly("0.1 ms", "1 ms", "10 ms", "100 ms", "1000 ms");

        // simdex's 10k → 1M points sit on the first and last x tick; 10× more vectors is one decade to the right
        String[] points = polylines(svg).get(0).getAttribute("points").split(" ");
        assertThat(Double.parseDouble(points[0].split(",")[0])).isCloseTo(xTicks.get(0), within(0.2));
        assertThat(Double.parseDouble(points[1].split(",")[0])).isCloseTo(xTicks.get(1), within(0.2));
        assertThat(Double.parseDouble(points[2].split(",")[0])).isCloseTo(xTicks.get(2), within(0.2));
    }

    @Test
    void a_log_axis_covers_whole_decades() {
        var axis = SvgPlot.LogAxis.covering(0.33, 55);

        assertThat(axis).isEqualTo(new SvgPlot.LogAxis(-1, 2));
        assertThat(axis.fraction(1)).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(SvgPlot.LogAxis.covering(10, 10)).isEqualTo(new SvgPlot.LogAxis(1, 2));
    }

    @Test
    void labels_read_as_counts_and_milliseconds() {
        assertThat(SvgPlot.countLabel(3)).isEqualTo("1k");
        assertThat(SvgPlot.countLabel(7)).isEqualTo("10M");
        assertThat(SvgPlot.msLabel(-2)).isEqualTo("0.01 ms");
        assertThat(SvgPlot.msLabel(2)).isEqualTo("100 ms");
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> polylines(Document svg) {
        NodeList nodes = svg.getElementsByTagName("polyline");
        var out = new ArrayList<Element>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    private static Element group(Document svg, String cssClass) {
        NodeList groups = svg.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.getAttribute("class").equals(cssClass)) {
                return g;
            }
        }
        throw new AssertionError("no <g class=\"" + cssClass + "\">");
    }

    private static List<Double> tickPositions(Document svg, String axis, String attribute) {
        NodeList lines = group(svg, axis).getElementsByTagName("line");
        var out = new ArrayList<Double>();
        for (int i = 0; i < lines.getLength(); i++) {
            out.add(Double.parseDouble(((Element) lines.item(i)).getAttribute(attribute)));
        }
        return out;
    }

    private static List<String> texts(Document svg, String axis) {
        NodeList texts = group(svg, axis).getElementsByTagName("text");
        var out = new ArrayList<String>();
        for (int i = 0; i < texts.getLength(); i++) {
            out.add(texts.item(i).getTextContent());
        }
        return out;
    }
}
