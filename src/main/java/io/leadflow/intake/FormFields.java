package io.leadflow.intake;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.leadflow.system.FieldProblem;
import io.leadflow.system.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

/**
 * Reads an HTML form (application/x-www-form-urlencoded) or a CSV row into a {@link NewLead}, with the same field
 * names and the same type errors as JSON: a field that is not a number, a date or one of the allowed values is named.
 */
@Component
class FormFields {

  private static final Set<String> TRUE = Set.of("true", "on", "yes", "1");
  private static final Set<String> FALSE = Set.of("false", "off", "no", "0");

  private final ObjectMapper objectMapper;

  FormFields(ObjectMapper objectMapper) {
    this.objectMapper = objectMapper;
  }

  NewLead lead(MultiValueMap<String, String> form) {
    return lead(form.toSingleValueMap());
  }

  /** @throws InvalidRequestException naming the fields whose values have the wrong type, or unknown fields */
  NewLead lead(Map<String, String> fields) {
    Map<String, Object> values = new LinkedHashMap<>();
    fields.forEach((name, value) -> {
      if (value != null && !value.isBlank()) {
        values.put(name, "marketingConsent".equals(name) ? consent(value) : value.strip());
      }
    });
    try {
      return objectMapper.convertValue(values, NewLead.class);
    } catch (IllegalArgumentException invalid) {
      throw new InvalidRequestException(List.of(problem(invalid.getCause())));
    }
  }

  private static Object consent(String value) {
    String text = value.strip().toLowerCase(java.util.Locale.ROOT);
    return TRUE.contains(text) ? Boolean.TRUE : FALSE.contains(text) ? Boolean.FALSE : value;
  }

  private static FieldProblem problem(Throwable cause) {
    if (cause instanceof UnrecognizedPropertyException unknown) {
      return new FieldProblem(unknown.getPropertyName(), "is not a known field; known fields are "
          + unknown.getKnownPropertyIds().stream().map(Object::toString).sorted().toList());
    }
    if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = mapping.getPath().get(mapping.getPath().size() - 1).getFieldName();
      return new FieldProblem(field, describe(field));
    }
    return new FieldProblem("form", "cannot be read");
  }

  private static String describe(String field) {
    return switch (field) {
      case "companySize" -> "must be a number";
      case "marketingConsent" -> "must be true or false";
      case "followUpOn" -> "must be a date (YYYY-MM-DD)";
      default -> "must be one of the allowed values: " + allowed(field);
    };
  }

  private static String allowed(String field) {
    Class<?> type = java.util.Arrays.stream(NewLead.class.getRecordComponents())
        .filter(component -> component.getName().equals(field)).findFirst()
        .map(java.lang.reflect.RecordComponent::getType).orElse(null);
    return type != null && type.isEnum() ? java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString)
        .collect(Collectors.joining(", ")) : "see the API description";
  }
}
