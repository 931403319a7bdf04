package io.leadflow.security;

import io.leadflow.system.FieldProblem;
import io.leadflow.system.InvalidRequestException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.web.server.ResponseStatusException;

/**
 * A machine client logged in with an API key. Its only authority is {@value #AUTHORITY}: it may capture leads of its
 * channel (one by one or as CSV lists) and report activity, never read a lead, an import or anything else, nor use
 * Tasklist or the engine.
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

  /** The only channel this key may capture leads for; null only for a key made before keys had to name one. */
  public String channel() {
    return channel;
  }

  /**
   * The channel a capture with this key is recorded on: the key's own, whether the request names it or not.
   *
   * @param requested the channel the request names, or null
   * @param field the request's name for the channel, for the problem that names it
   * @throws InvalidRequestException when the request names another channel
   * @throws ResponseStatusException (403) for a key bound to no channel, which captures nothing
   */
  public String captureChannel(String requested, String field) {
    if (channel == null) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "This API key is bound to no channel and captures "
          + "nothing: ask an administrator for a key of its channel");
    }
    if (requested != null && !requested.equals(channel)) {
      throw new InvalidRequestException(List.of(new FieldProblem(field, "must be " + channel
          + ": this API key captures leads of that channel only")));
    }
    return channel;
  }
}
