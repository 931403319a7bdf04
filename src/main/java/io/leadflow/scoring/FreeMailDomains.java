package io.leadflow.scoring;

import java.util.Locale;
import java.util.Set;

/**
 * Email domains anyone can sign up for. An address there says nothing about the person's company, so the company
 * domain is not taken from it and the scoring table can count it against the lead's fit.
 */
public final class FreeMailDomains {

  private static final Set<String> DOMAINS = Set.of(
      "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.de", "yahoo.fr", "hotmail.com",
      "hotmail.co.uk", "hotmail.de", "hotmail.fr", "outlook.com", "outlook.de", "live.com", "msn.com", "aol.com",
      "icloud.com", "me.com", "mac.com", "gmx.de", "gmx.net", "gmx.com", "web.de", "t-online.de", "freenet.de",
      "mail.com", "proton.me", "protonmail.com", "zoho.com", "yandex.com", "yandex.ru", "mail.ru", "qq.com",
      "163.com", "126.com", "orange.fr", "free.fr", "laposte.net", "libero.it", "virgilio.it", "btinternet.com");

  private FreeMailDomains() {
  }

  public static boolean contains(String domain) {
    return domain != null && DOMAINS.contains(domain.toLowerCase(Locale.ROOT));
  }

  /** The part after the @, or null. */
  public static String domainOf(String email) {
    int at = email == null ? -1 : email.lastIndexOf('@');
    return at < 0 ? null : email.substring(at + 1).toLowerCase(Locale.ROOT);
  }
}
