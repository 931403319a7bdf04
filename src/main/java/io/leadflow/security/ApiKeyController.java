package io.leadflow.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Administrators manage the API keys of capture sources. */
@RestController
@RequestMapping("/api/admin/api-keys")
@Tag(name = "API keys", description = "Keys of machine clients (administrators only)")
class ApiKeyController {

  /** A new key: a name for the capture source and the only channel it may capture for. */
  record NewApiKey(String name, String channel) {
  }

  private final ApiKeys keys;

  ApiKeyController(ApiKeys keys) {
    this.keys = keys;
  }

  @PostMapping
  @Operation(summary = "Create a key; the answer is the only time its value is shown")
  ResponseEntity<ApiKeys.ApiKey> create(@RequestBody NewApiKey request, Principal admin) {
    ApiKeys.ApiKey key = keys.create(request.name(), request.channel(), admin.getName());
    return ResponseEntity.created(URI.create("/api/admin/api-keys/" + key.id())).body(key);
  }

  @GetMapping
  @Operation(summary = "List the keys, revoked ones included, without their values")
  List<ApiKeys.ApiKey> list() {
    return keys.list();
  }

  @DeleteMapping("/{id}")
  @Operation(summary = "Revoke a key: it stops working at once")
  ResponseEntity<Void> revoke(@PathVariable UUID id, Principal admin) {
    if (!keys.revoke(id, admin.getName())) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No API key with id " + id);
    }
    return ResponseEntity.noContent().build();
  }
}
