package lab.interop;

/** One interop case: talks to the server and throws when it does not do what the spec asserts. */
@FunctionalInterface
interface InteropCase {
  void run(ServerUnderTest server) throws Exception;
}
