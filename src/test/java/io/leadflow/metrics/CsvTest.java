package io.leadflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A CSV export is opened in a spreadsheet: no cell may run as a formula there (CSV injection). */
class CsvTest {

  record Row(String campaign, Integer leads, Double change) {
  }

  @Test
  void shouldNeutraliseEveryCellThatASpreadsheetWouldRunAsAFormula() {
    String csv = Csv.of(Row.class, List.of(new Row("=HYPERLINK(\"http://evil.example\")", 1, -0.5),
        new Row("+1+1", 2, null), new Row("-1-1", 3, null), new Row("@SUM(A1:A9)", 4, null),
        new Row("\tcmd|' /C calc'!A0", 5, null), new Row("\rcmd", 6, null)));

    assertThat(csv.split("\r\n", -1)).containsExactly(
        "campaign,leads,change",
        "\"'=HYPERLINK(\"\"http://evil.example\"\")\",1,-0.5",
        "'+1+1,2,",
        "'-1-1,3,",
        "'@SUM(A1:A9),4,",
        "'\tcmd|' /C calc'!A0,5,",
        "\"'\rcmd\",6,",
        "");
  }

  @Test
  void shouldLeaveOrdinaryTextAndNegativeNumbersAsTheyAre() {
    String csv = Csv.of(Row.class, List.of(new Row("spring-webinar, Berlin", -3, -1.25)));

    assertThat(csv).isEqualTo("campaign,leads,change\r\n\"spring-webinar, Berlin\",-3,-1.25\r\n");
  }
}
