package lab.routeguide;

import lab.proto.routeguide.Point;
import lab.proto.routeguide.Rectangle;

/** Coordinate arithmetic for the route guide. Points are degrees times 10^7 (E7). */
public final class Geo {
  public static final double COORD_FACTOR = 1e7;
  private static final double EARTH_RADIUS_METERS = 6_371_000;

  private Geo() {}

  public static Point point(double latitudeDegrees, double longitudeDegrees) {
    return Point.newBuilder()
        .setLatitude((int) Math.round(latitudeDegrees * COORD_FACTOR))
        .setLongitude((int) Math.round(longitudeDegrees * COORD_FACTOR))
        .build();
  }

  public static double latitude(Point p) {
    return p.getLatitude() / COORD_FACTOR;
  }

  public static double longitude(Point p) {
    return p.getLongitude() / COORD_FACTOR;
  }

  public static boolean contains(Rectangle r, Point p) {
    int left = Math.min(r.getLo().getLongitude(), r.getHi().getLongitude());
    int right = Math.max(r.getLo().getLongitude(), r.getHi().getLongitude());
    int bottom = Math.min(r.getLo().getLatitude(), r.getHi().getLatitude());
    int top = Math.max(r.getLo().getLatitude(), r.getHi().getLatitude());
    return p.getLongitude() >= left && p.getLongitude() <= right
        && p.getLatitude() >= bottom && p.getLatitude() <= top;
  }

  /** Great-circle distance in meters (haversine formula). */
  public static int distanceMeters(Point from, Point to) {
    double lat1 = Math.toRadians(latitude(from));
    double lat2 = Math.toRadians(latitude(to));
    double dLat = lat2 - lat1;
    double dLon = Math.toRadians(longitude(to) - longitude(from));
    double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
        + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return (int) Math.round(EARTH_RADIUS_METERS * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a)));
  }
}
