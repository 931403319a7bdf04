package io.leadflow.intake;

import java.util.List;
import java.util.UUID;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A machine client logged in with an API key. Its only authority is {@value #AUTHORITY}: it may capture leads and
 * report activity, never read a lead or use Tasklist or the engine.
 */
public class ApiKeyAuthentication extends AbstractAuthenticationToken {

  public static final String AUTHORITY = "api-client";

  private final UUID keyId;
  private final String keyName;
  private final String channel;

  ApiKeyAuthentication(UUID keyId, String keyName, String channel) {
    super(List.of(new SimpleGrantedAuthority(AUTHORITY)));
    this.keyId = keyId;
    this.keyName = keyName;
    this.channel = channel;
    setAuthenticated(true);
  }

  /** "api-key:" and the key's name, as it appears where a lead's record says who captured it. */
  @Override
  public String getName() {
    return "api-key:" + keyName;
  }

  @Override
  public Object getPrincipal() {
    return getName();
  }

  @Override
  public Object getCredentials() {
    return null;
  }

  public UUID keyId() {
    return keyId;
  }

  /** The only channel this key may capture leads for, or null for any. */
  public String channel() {
    return channel;
  }
}
