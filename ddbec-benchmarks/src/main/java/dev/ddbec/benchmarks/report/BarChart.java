package dev.ddbec.benchmarks.report;

import dev.ddbec.benchmarks.report.Results.Measure;
import dev.ddbec.benchmarks.report.Results.Ratio;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The report's PNG chart, drawn with Java2D (no charting dependency): one panel per shape ×
 * provider, each with encrypt and decrypt groups of three bars (ddbec, official, floor), a log
 * throughput axis of its own (whole decades) and error whiskers.
 */
final class BarChart {
  static final Color DDBEC = new Color(0x2b6cb0);
  static final Color OFFICIAL = new Color(0xdd6b20);
  static final Color FLOOR = new Color(0xa0aec0);
  private static final Color INK = new Color(0x1a202c);
  private static final Color GRID = new Color(0xe2e8f0);

  private static final int PANEL_W = 430;
  private static final int PANEL_H = 290;
  private static final int HEADER_H = 76;
  private static final int PAD = 16;

  private BarChart() {}

  private record Panel(String shape, String provider) {}

  /**
   * Draws the chart of one thread count.
   *
   * @param results the results
   * @param threads the thread count
   * @param file the PNG to write
   * @return false (and no file) if there is nothing to draw for this thread count
   * @throws IOException if the file cannot be written
   */
  static boolean write(Results results, int threads, Path file) throws IOException {
    List<String> shapes = new ArrayList<>();
    List<String> providers = new ArrayList<>();
    List<Panel> panels = new ArrayList<>();
    for (String shape : results.shapes()) {
      for (String provider : results.providers()) {
        boolean any = false;
        for (String op : Results.OPS) {
          any |= results.item(threads, shape, provider, op, Results.DDBEC) != null;
          any |= results.item(threads, shape, provider, op, Results.OFFICIAL) != null;
          any |= results.floor(threads, shape, provider, op) != null;
        }
        if (any) {
          panels.add(new Panel(shape, provider));
          if (!shapes.contains(shape)) {
            shapes.add(shape);
          }
          if (!providers.contains(provider)) {
            providers.add(provider);
          }
        }
      }
    }
    if (panels.isEmpty()) {
      return false;
    }
    int cols = providers.size();
    int rows = shapes.size();
    int width = Math.max(cols * PANEL_W + 2 * PAD, 760);
    int height = HEADER_H + rows * PANEL_H + PAD;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      header(g, threads);
      for (Panel p : panels) {
        int x = PAD + providers.indexOf(p.provider()) * PANEL_W;
        int y = HEADER_H + shapes.indexOf(p.shape()) * PANEL_H;
        panel(g, results, threads, p, x, y);
      }
    } finally {
      g.dispose();
    }
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer in this JVM");
    }
    return true;
  }

  private static void header(Graphics2D g, int threads) {
    g.setColor(INK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
    g.drawString(
        "ddbec vs official Java client vs raw-crypto floor — " + Cells.threadWord(threads),
        PAD,
        26);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    g.drawString(
        "throughput in items/s, higher is better, log scale (equal ratios are equal distances);"
            + " \"N× official\" = ddbec ÷ official",
        PAD,
        46);
    int x = PAD;
    for (Object[] entry :
        new Object[][] {
          {"ddbec", DDBEC}, {"official 2.0.3", OFFICIAL}, {"raw-crypto floor", FLOOR}
        }) {
      g.setColor((Color) entry[1]);
      g.fillRect(x, 56, 14, 12);
      g.setColor(INK);
      g.drawString((String) entry[0], x + 20, 67);
      x += 20 + g.getFontMetrics().stringWidth((String) entry[0]) + 24;
    }
  }

  private static void panel(Graphics2D g, Results results, int threads, Panel p, int x0, int y0) {
    int left = x0 + 62;
    int right = x0 + PANEL_W - 14;
    int top = y0 + 44;
    int bottom = y0 + PANEL_H - 40;

    g.setColor(INK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.drawString(
        Results.shapeName(p.shape()) + " · " + Results.providerName(p.provider()), x0 + 4, y0 + 20);

    Measure[][] bars = new Measure[Results.OPS.size()][3];
    double max = 0;
    double min = Double.MAX_VALUE;
    for (int i = 0; i < Results.OPS.size(); i++) {
      String op = Results.OPS.get(i);
      bars[i][0] = results.item(threads, p.shape(), p.provider(), op, Results.DDBEC);
      bars[i][1] = results.item(threads, p.shape(), p.provider(), op, Results.OFFICIAL);
      bars[i][2] = results.floor(threads, p.shape(), p.provider(), op);
      for (Measure m : bars[i]) {
        if (m != null && m.score() > 0) {
          max = Math.max(max, m.score() + (Double.isNaN(m.error()) ? 0 : m.error()));
          min = Math.min(min, m.score());
        }
      }
    }
    LogAxis axis = LogAxis.covering(min, max, top, bottom);

    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    FontMetrics fm = g.getFontMetrics();
    for (double v : axis.ticks()) {
      int y = axis.y(v);
      boolean decade = Math.abs(Math.log10(v) - Math.rint(Math.log10(v))) < 1e-9;
      g.setColor(decade ? GRID.darker() : GRID);
      g.drawLine(left, y, right, y);
      g.setColor(INK);
      String label = compact(v);
      g.drawString(label, left - 6 - fm.stringWidth(label), y + 4);
    }
    g.setColor(INK);
    g.drawLine(left, bottom, right, bottom);

    int groupW = (right - left) / Results.OPS.size();
    int barW = (int) (groupW * 0.22);
    Color[] colors = {DDBEC, OFFICIAL, FLOOR};
    for (int i = 0; i < Results.OPS.size(); i++) {
      int gx = left + i * groupW + (groupW - 3 * barW - 2 * 6) / 2;
      for (int b = 0; b < 3; b++) {
        int bx = gx + b * (barW + 6);
        Measure m = bars[i][b];
        if (m == null) {
          g.setColor(Color.GRAY);
          g.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 10));
          g.drawString("n/a", bx + (barW - g.getFontMetrics().stringWidth("n/a")) / 2, bottom - 4);
          continue;
        }
        int h = bottom - axis.y(m.score());
        g.setColor(colors[b]);
        g.fillRect(bx, bottom - h, barW, h);
        if (!Double.isNaN(m.error()) && m.error() > 0) {
          int lo = axis.y(m.score() - m.error());
          int hi = axis.y(m.score() + m.error());
          int cx = bx + barW / 2;
          g.setColor(INK);
          g.setStroke(new BasicStroke(1.2f));
          g.drawLine(cx, lo, cx, hi);
          g.drawLine(cx - 4, hi, cx + 4, hi);
          g.drawLine(cx - 4, lo, cx + 4, lo);
        }
        g.setColor(INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        String value = compact(m.score());
        FontMetrics vm = g.getFontMetrics();
        g.drawString(value, bx + (barW - vm.stringWidth(value)) / 2, bottom - h - 4);
      }
      Ratio r = Ratio.of(bars[i][0], bars[i][1]);
      g.setColor(INK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
      String label =
          Results.OPS.get(i)
              + (r == null ? "" : String.format(Locale.ROOT, " — %.2f× official", r.value()));
      FontMetrics lm = g.getFontMetrics();
      g.drawString(label, left + i * groupW + (groupW - lm.stringWidth(label)) / 2, bottom + 18);
    }
  }

  /**
   * A base-10 logarithmic axis from a power of ten below the smallest value to one above the
   * largest, so that equal ratios are equal distances in every panel.
   *
   * @param lo axis minimum (a power of ten)
   * @param hi axis maximum (a power of ten, at least 10 × lo)
   * @param top pixel row of hi
   * @param bottom pixel row of lo
   */
  record LogAxis(double lo, double hi, int top, int bottom) {
    static LogAxis covering(double min, double max, int top, int bottom) {
      if (!(max > 0) || min > max) {
        return new LogAxis(1, 10, top, bottom);
      }
      double lo = Math.pow(10, Math.floor(Math.log10(min)));
      double hi = Math.pow(10, Math.ceil(Math.log10(max * 1.25)));
      return new LogAxis(lo, Math.max(hi, lo * 10), top, bottom);
    }

    /** Pixel row of a value; values below the axis clamp to its bottom. */
    int y(double v) {
      double f = (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
      return bottom - (int) Math.round((bottom - top) * Math.min(f, 1));
    }

    /** Every power of ten, plus 2× and 5× when the axis spans at most three decades. */
    List<Double> ticks() {
      List<Double> out = new ArrayList<>();
      boolean fine = hi / lo <= 1000.5;
      for (double d = lo; d <= hi * 1.0001; d *= 10) {
        out.add(d);
        if (fine && d * 10 <= hi * 1.0001) {
          out.add(2 * d);
          out.add(5 * d);
        }
      }
      return out;
    }
  }

  /** 1234 → "1.2k", 1234567 → "1.2M". */
  static String compact(double v) {
    if (v >= 1e6) {
      return trim(v / 1e6) + "M";
    }
    if (v >= 1e3) {
      return trim(v / 1e3) + "k";
    }
    return trim(v);
  }

  private static String trim(double v) {
    String s =
        v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }
}
