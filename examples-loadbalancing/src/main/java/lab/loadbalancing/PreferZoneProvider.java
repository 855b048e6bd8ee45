package lab.loadbalancing;

import io.grpc.LoadBalancer;
import io.grpc.LoadBalancerProvider;
import io.grpc.NameResolver.ConfigOrError;
import io.grpc.Status;
import java.util.Map;

/**
 * Makes {@link PreferZoneBalancer} a policy a service config can name:
 * <pre>{"loadBalancingConfig": [{"lab_prefer_zone": {"zone": "zone-a"}}]}</pre>
 * The channel finds providers in the {@code LoadBalancerRegistry}; this one is listed in
 * {@code META-INF/services/io.grpc.LoadBalancerProvider}, so being on the classpath is enough
 * (as {@code weighted_round_robin} is, from grpc-xds). A program can also call
 * {@code LoadBalancerRegistry.getDefaultRegistry().register(...)}.
 */
public final class PreferZoneProvider extends LoadBalancerProvider {
  public static final String NAME = "lab_prefer_zone";

  @Override
  public boolean isAvailable() {
    return true;
  }

  @Override
  public int getPriority() {
    return 5; // the conventional middle: it matters only when two providers share a name
  }

  @Override
  public String getPolicyName() {
    return NAME;
  }

  @Override
  public LoadBalancer newLoadBalancer(LoadBalancer.Helper helper) {
    return new PreferZoneBalancer(helper);
  }

  /**
   * The channel calls this with the policy's JSON object. A bad config is an error the channel
   * reports (and, for a config from the resolver, it keeps the last good one).
   */
  @Override
  public ConfigOrError parseLoadBalancingPolicyConfig(Map<String, ?> rawConfig) {
    Object zone = rawConfig.get("zone");
    if (!(zone instanceof String name) || name.isBlank()) {
      return ConfigOrError.fromError(Status.INVALID_ARGUMENT.withDescription(
          NAME + " needs \"zone\", the client's zone as a non-empty string; got " + rawConfig));
    }
    return ConfigOrError.fromConfig(new PreferZoneBalancer.Config(name));
  }
}
