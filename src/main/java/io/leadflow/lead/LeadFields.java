package io.leadflow.lead;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The lead's fields that a capture describes, by their names in the capture API, as text (choices by their code,
 * numbers in decimal): what a proposed change is compared with.
 */
public final class LeadFields {

  private static final Map<String, Function<Lead, Object>> FIELDS = Map.ofEntries(
      Map.entry("firstName", Lead::getFirstName), Map.entry("lastName", Lead::getLastName),
      Map.entry("jobTitle", Lead::getJobTitle), Map.entry("phone", Lead::getPhone),
      Map.entry("country", Lead::getCountry), Map.entry("company", Lead::getCompany),
      Map.entry("industry", Lead::getIndustry), Map.entry("companySize", Lead::getCompanySize),
      Map.entry("jobLevel", Lead::getJobLevel), Map.entry("persona", Lead::getPersona),
      Map.entry("budget", Lead::getBudget), Map.entry("authority", Lead::getAuthority),
      Map.entry("need", Lead::getNeed), Map.entry("timeframe", Lead::getTimeframe));

  private LeadFields() {
  }

  /** @return the lead's value of the field, or null when it has none */
  public static String value(Lead lead, String field) {
    Function<Lead, Object> getter = Objects.requireNonNull(FIELDS.get(field), () -> "No lead field " + field);
    Object value = getter.apply(lead);
    return value == null ? null : value.toString();
  }
}
