package lab.check;

import io.grpc.Status;

/** gRPC status codes by number, as the reports print them: "INTERNAL (13)". */
final class Codes {
  private Codes() {}

  static String name(int code) {
    Status.Code[] all = Status.Code.values();
    return code >= 0 && code < all.length ? all[code] + " (" + code + ")" : "code " + code;
  }

  static String name(Status.Code code) {
    return name(code.value());
  }
}
