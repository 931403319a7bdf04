package io.leadflow.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;

/**
 * Process variables holding structured data (lists, detail packages) as Camunda's Json type: readable by Tasklist's
 * forms, by the engine REST API and by people, and never Java-serialized.
 */
public final class JsonVariables {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private JsonVariables() {
  }

  public static JsonValue of(Object value) {
    try {
      return SpinValues.jsonValue(MAPPER.writeValueAsString(value)).create();
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }
}
