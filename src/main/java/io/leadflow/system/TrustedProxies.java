package io.leadflow.system;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * The reverse proxies that may tell Leadflow a request's client address and scheme (X-Forwarded-For,
 * X-Forwarded-Proto): exactly the IP addresses listed in {@code leadflow.trusted-proxies}, none by default. Any other
 * client's forwarded headers are ignored, so that nobody chooses the address the landing page's limit counts, or makes
 * a plain HTTP request pass for HTTPS. Tomcat's valve takes a regular expression; the list becomes one, each address
 * matched exactly.
 */
@Component
class TrustedProxies implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final List<String> addresses;

  TrustedProxies(@Value("${leadflow.trusted-proxies:}") List<String> addresses) {
    this.addresses = addresses.stream().map(String::trim).filter(address -> !address.isEmpty())
        .map(TrustedProxies::normalised).toList();
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    if (addresses.isEmpty()) {
      return;
    }
    String exactly = addresses.stream().map(Pattern::quote).collect(Collectors.joining("|"));
    factory.getEngineValves().stream().filter(RemoteIpValve.class::isInstance).map(RemoteIpValve.class::cast)
        .forEach(valve -> valve.setInternalProxies(exactly));
  }

  /** After Spring Boot's own customizer, which adds the valve. */
  @Override
  public int getOrder() {
    return 1;
  }

  /** As Tomcat writes a client's address: IPv6 in full, without brackets. No name is looked up. */
  private static String normalised(String address) {
    boolean ipv4 = IPV4.matcher(address).matches();
    if (ipv4 && List.of(address.split("\\.")).stream().anyMatch(octet -> Integer.parseInt(octet) > 255)
        || !ipv4 && !address.contains(":")) {
      throw new IllegalArgumentException("leadflow.trusted-proxies (LEADFLOW_TRUSTED_PROXIES): '" + address
          + "' is not an IP address; list the proxies' addresses, separated by commas");
    }
    try {
      return InetAddress.getByName(address.replaceAll("^\\[|]$", "")).getHostAddress();
    } catch (UnknownHostException notAnAddress) {
      throw new IllegalArgumentException("leadflow.trusted-proxies (LEADFLOW_TRUSTED_PROXIES): '" + address
          + "' is not an IP address", notAnAddress);
    }
  }
}
