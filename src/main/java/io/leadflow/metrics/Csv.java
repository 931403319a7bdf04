package io.leadflow.metrics;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A table of records as RFC 4180 CSV: a header of the record's component names, then one line per row. No text cell
 * runs as a formula in a spreadsheet.
 */
final class Csv {

  private Csv() {
  }

  static String of(Class<? extends Record> type, List<? extends Record> rows) {
    RecordComponent[] components = type.getRecordComponents();
    StringBuilder csv = new StringBuilder(Arrays.stream(components).map(RecordComponent::getName)
        .collect(Collectors.joining(","))).append("\r\n");
    for (Record row : rows) {
      csv.append(Arrays.stream(components).map(component -> cell(value(component, row)))
          .collect(Collectors.joining(","))).append("\r\n");
    }
    return csv.toString();
  }

  private static Object value(RecordComponent component, Record row) {
    try {
      return component.getAccessor().invoke(row);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    // a leading =, +, - or @ would make a spreadsheet run the cell as a formula, and so may a tab or a carriage
    // return before one; a quote makes it text (OWASP's advice on CSV injection)
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !(value instanceof Number)) {
      text = "'" + text;
    }
    return text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
        ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }
}
