package lab.testing;

import java.lang.reflect.Proxy;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

/** An ExtensionContext that only answers getExecutionException, for calling afterEach directly. */
final class FakeContext {
  private FakeContext() {}

  static ExtensionContext of(Throwable failure) {
    return (ExtensionContext) Proxy.newProxyInstance(
        ExtensionContext.class.getClassLoader(), new Class<?>[] {ExtensionContext.class},
        (proxy, method, args) -> {
          if (method.getName().equals("getExecutionException")) {
            return Optional.ofNullable(failure);
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }
}
