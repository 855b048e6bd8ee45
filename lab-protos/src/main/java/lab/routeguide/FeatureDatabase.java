package lab.routeguide;

import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import lab.proto.routeguide.Feature;
import lab.proto.routeguide.Point;
import lab.proto.routeguide.Rectangle;

/** The route guide's features: an immutable list read once from the bundled JSON file. */
public final class FeatureDatabase {
  private static final String RESOURCE = "/lab/routeguide/features.json";

  private final List<Feature> features;

  public FeatureDatabase(List<Feature> features) {
    this.features = List.copyOf(features);
  }

  /** The database bundled with the lab (a dozen places in the south of England). */
  public static FeatureDatabase bundled() {
    var builder = lab.proto.routeguide.FeatureDatabase.newBuilder();
    try (Reader in = new InputStreamReader(
        FeatureDatabase.class.getResourceAsStream(RESOURCE), StandardCharsets.UTF_8)) {
      JsonFormat.parser().merge(in, builder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return new FeatureDatabase(builder.getFeaturesList());
  }

  public List<Feature> all() {
    return features;
  }

  public Optional<Feature> at(Point point) {
    return features.stream().filter(f -> f.getLocation().equals(point)).findFirst();
  }

  public List<Feature> inside(Rectangle rectangle) {
    return features.stream().filter(f -> Geo.contains(rectangle, f.getLocation())).toList();
  }
}
