package lab.benchmarks.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * gRPC's time per message, stacked by the layer that adds it, one panel per message size. The
 * panels have their own scales: a 64 KiB message costs a thousand times a 16-byte one. It
 * draws what it is given and computes nothing: LayersReport decides what the parts are.
 */
final class LayersChart {
  /** One layer's part of a bar: its label, and the ns per message it adds to those below. */
  record Part(String label, double nanosAdded) {}

  private LayersChart() {}

  /** One panel per entry, in the map's order: its title (a size) and its stacked parts. */
  static void save(Map<String, List<Part>> panels, Path png) throws Exception {
    System.setProperty("java.awt.headless", "true");
    int width = 380;
    int height = 520;
    var image = new BufferedImage(width * panels.size(), height + 60, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    int x = 0;
    for (var panel : panels.entrySet()) {
      var data = new DefaultCategoryDataset();
      String size = panel.getKey();
      for (Part part : panel.getValue()) {
        data.addValue(part.nanosAdded(), part.label(), size);
      }
      JFreeChart chart = ChartFactory.createStackedBarChart(size + " messages", null,
          "ns per message", data, PlotOrientation.VERTICAL, true, false, false);
      var renderer = (BarRenderer) chart.getCategoryPlot().getRenderer();
      renderer.setBarPainter(new StandardBarPainter()); // flat colours: shares, not gloss
      renderer.setShadowVisible(false);
      chart.draw(g, new Rectangle2D.Double(x, 60, width, height));
      x += width;
    }
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
    g.drawString("Where gRPC's time per message goes, layer by layer (one run)", 20, 26);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    g.drawString("Each colour: the ns per message a layer adds to the one under it;"
        + " below zero: that layer ran faster than the one under it", 20, 48);
    g.dispose();
    ImageIO.write(image, "png", png.toFile());
  }
}
