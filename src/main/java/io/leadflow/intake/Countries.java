package io.leadflow.intake;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Country names and codes as people and lists write them ("de", "DEU", "Germany", "Deutschland", "UK") to their ISO
 * 3166-1 alpha-2 code, the form the decision tables use.
 */
final class Countries {

  private static final Map<String, String> CODES = new HashMap<>();

  static {
    Set<String> alpha2 = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);
    for (String code : alpha2) {
      Locale country = new Locale("", code);
      put(code, code);
      put(country.getISO3Country(), code);
      for (Locale language : new Locale[] {Locale.ENGLISH, Locale.GERMAN, Locale.FRENCH, new Locale("es"),
          new Locale("it"), new Locale("pt"), new Locale("nl")}) {
        put(country.getDisplayCountry(language), code);
      }
    }
    put("UK", "GB");
    put("Great Britain", "GB");
    put("England", "GB");
    put("USA", "US");
    put("United States of America", "US");
    put("America", "US");
    put("Holland", "NL");
  }

  private Countries() {
  }

  /** The alpha-2 code, or empty when the text names no country. */
  static Optional<String> code(String text) {
    return text == null ? Optional.empty() : Optional.ofNullable(CODES.get(key(text)));
  }

  private static void put(String name, String code) {
    if (name != null && !name.isBlank()) {
      CODES.putIfAbsent(key(name), code);
    }
  }

  private static String key(String text) {
    return text.strip().toLowerCase(Locale.ROOT).replaceAll("[.\\s]+", " ");
  }
}
