package io.leadflow.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The fields a Camunda Form (bpmn/forms/*.form) lets its user fill in, with the limits the form gives each: what a task
 * or start form declares is all its user may write, and each value must be what the field could have produced.
 */
final class DeclaredFields {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** The form components that take input; the others (text, tables, groups, images) only show. */
  private static final Set<String> INPUTS = Set.of("textfield", "textarea", "number", "checkbox", "checklist",
      "radio", "select", "taglist", "datetime");

  /** One input field: its type, the limits of its {@code validate} entry and where its options come from. */
  record Field(String key, String type, Integer minLength, Integer maxLength, Double min, Double max,
      String pattern, Set<String> values, String valuesKey, String subtype) {

    /**
     * Why the value is not one this field could have produced, or empty when it is.
     *
     * @param options the options the task offers for a field that takes them from a variable ({@code valuesKey})
     */
    Optional<String> problem(Object value, Function<String, Set<String>> options) {
      if (value == null) {
        return Optional.empty();
      }
      return switch (type) {
        case "textfield", "textarea" -> text(value);
        case "number" -> number(value);
        case "checkbox" -> value instanceof Boolean ? Optional.empty() : Optional.of("must be true or false");
        case "radio", "select" -> choice(value, options);
        case "datetime" -> dateTime(value);
        default -> Optional.of("cannot be set here");
      };
    }

    private Optional<String> text(Object value) {
      if (!(value instanceof String text)) {
        return Optional.of("must be text");
      }
      if (maxLength != null && text.length() > maxLength) {
        return Optional.of("must be at most " + maxLength + " characters (it has " + text.length() + ")");
      }
      if (minLength != null && !text.isEmpty() && text.length() < minLength) {
        return Optional.of("must be at least " + minLength + " characters");
      }
      if (pattern != null && !text.isEmpty() && !matches(text)) {
        return Optional.of("does not have the expected form");
      }
      return Optional.empty();
    }

    private boolean matches(String text) {
      try {
        return Pattern.compile(pattern).matcher(text).matches();
      } catch (PatternSyntaxException notJava) {
        return true;
      }
    }

    private Optional<String> number(Object value) {
      if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
        return Optional.of("must be a number");
      }
      if (min != null && number.doubleValue() < min) {
        return Optional.of("must be at least " + plain(min));
      }
      if (max != null && number.doubleValue() > max) {
        return Optional.of("must be at most " + plain(max));
      }
      return Optional.empty();
    }

    private Optional<String> choice(Object value, Function<String, Set<String>> options) {
      Set<String> allowed = valuesKey != null ? options.apply(valuesKey) : values;
      if (allowed == null || allowed.isEmpty()) {
        return Optional.of("has no options to choose from on this task");
      }
      if (!allowed.contains(String.valueOf(value))) {
        return Optional.of("must be one of " + String.join(", ", new TreeSet<>(allowed)));
      }
      return Optional.empty();
    }

    private Optional<String> dateTime(Object value) {
      if (value instanceof Date) {
        return Optional.empty();
      }
      if (!(value instanceof String text) || text.length() > 64) {
        return Optional.of("must be a date");
      }
      try {
        switch (subtype == null ? "date" : subtype) {
          case "time" -> LocalTime.parse(text.length() > 8 ? text.substring(0, 8) : text);
          case "datetime" -> OffsetDateTime.parse(text);
          default -> LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        }
        return Optional.empty();
      } catch (DateTimeParseException e) {
        return Optional.of("must be a date such as 2027-03-31");
      }
    }

    private static String plain(double number) {
      return number == Math.rint(number) ? String.valueOf((long) number) : String.valueOf(number);
    }
  }

  private final Map<String, Field> fields;

  private DeclaredFields(Map<String, Field> fields) {
    this.fields = fields;
  }

  static DeclaredFields none() {
    return new DeclaredFields(Map.of());
  }

  /** The input fields of a form's JSON, nested groups included. */
  static DeclaredFields of(InputStream form) throws IOException {
    Map<String, Field> fields = new LinkedHashMap<>();
    collect(JSON.readTree(form), fields);
    return new DeclaredFields(fields);
  }

  Optional<Field> field(String key) {
    return Optional.ofNullable(fields.get(key));
  }

  Collection<Field> all() {
    return fields.values();
  }

  /** The values of options kept as JSON, a list of label and value as Camunda Forms reads them. */
  static List<String> optionValues(String json) {
    try {
      List<String> values = new ArrayList<>();
      JSON.readTree(json).forEach(option -> values.add(option.path("value").asText()));
      return values;
    } catch (IOException unreadable) {
      return List.of();
    }
  }

  private static void collect(JsonNode container, Map<String, Field> fields) {
    for (JsonNode component : container.path("components")) {
      String type = component.path("type").asText();
      if (INPUTS.contains(type) && component.hasNonNull("key")) {
        JsonNode validate = component.path("validate");
        Set<String> values = new LinkedHashSet<>();
        component.path("values").forEach(option -> values.add(option.path("value").asText()));
        String key = component.get("key").asText();
        fields.put(key, new Field(key, type, integer(validate, "minLength"), integer(validate, "maxLength"),
            decimal(validate, "min"), decimal(validate, "max"), text(validate, "pattern"), Set.copyOf(values),
            text(component, "valuesKey"), text(component, "subtype")));
      }
      collect(component, fields);
    }
  }

  private static Integer integer(JsonNode node, String name) {
    return node.path(name).isNumber() ? node.get(name).asInt() : null;
  }

  private static Double decimal(JsonNode node, String name) {
    return node.path(name).isNumber() ? node.get(name).asDouble() : null;
  }

  private static String text(JsonNode node, String name) {
    return node.path(name).isTextual() && !node.get(name).asText().isBlank() ? node.get(name).asText() : null;
  }
}
