package io.leadflow.intake;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.leadflow.fulfilment.ContentCatalogue;
import io.leadflow.nurture.FollowUpReason;
import io.leadflow.security.CaptureChannels;
import io.leadflow.system.FieldProblem;
import io.leadflow.system.InvalidRequestException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The data quality rules every capture channel shares: what a lead must have (per channel), what each field may
 * contain, and the one form each value is stored in (email in lower case, phone in E.164, country as ISO 3166
 * alpha-2, names without stray spaces). A lead breaking a rule is refused with every bad field and why.
 */
@Component
public class LeadDataRules implements CaptureChannels {

  static final int MAX_COMPANY_SIZE = 10_000_000;
  private static final List<String> CORRECTION_REQUIRED = List.of("email", "firstName", "lastName", "company",
      "country");
  private static final Pattern EMAIL = Pattern.compile(
      "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
          + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");
  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M} '’.-]*");
  private static final Pattern MARKUP_OR_CONTROL = Pattern.compile("[<>\\p{Cntrl}]");
  private static final Pattern NOTE_CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\r\\t]]");
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  private final IntakeProperties properties;
  private final ContentCatalogue catalogue;

  LeadDataRules(IntakeProperties properties, ContentCatalogue catalogue) {
    this.properties = properties;
    this.catalogue = catalogue;
  }

  /**
   * The lead in its one normalised form.
   *
   * @throws InvalidRequestException naming every field that breaks a rule
   */
  public NewLead clean(NewLead lead) {
    Problems problems = new Problems();
    IntakeProperties.Channel channel = channel(lead.sourceChannel(), problems);
    return clean(lead, channel == null ? List.of() : channel.required(), "for leads from " + lead.sourceChannel(),
        channel == null ? null : channel.requestType(), problems);
  }

  /**
   * Contact data corrected for the CRM ("Fix lead data"), by the rules of capture: the fields its form requires,
   * whatever channel the lead came from, since the CRM needs them all.
   *
   * @throws InvalidRequestException naming every field that breaks a rule
   */
  public NewLead cleanCorrection(NewLead lead) {
    return clean(lead, CORRECTION_REQUIRED, "to correct a lead's data", null, new Problems());
  }

  /**
   * A lead's contact data as a user corrects it (the lead page, the follow-up form): each edited field by the rules
   * of capture, and a field the lead's channel requires, or the email or phone and company that identify the person,
   * cannot be emptied. Fields not edited stay as stored, even if stored before a rule was stricter.
   *
   * @param lead the lead's data with the edits applied
   * @param edited the names of the edited fields
   * @throws InvalidRequestException naming every edited field that breaks a rule
   */
  NewLead cleanEdit(NewLead lead, Set<String> edited) {
    Problems problems = new Problems();
    IntakeProperties.Channel channel = properties.channels().get(lead.sourceChannel());
    for (String field : channel == null ? List.<String>of() : channel.required()) {
      if (edited.contains(field) && isMissing(lead, field)) {
        problems.add(field, "is required for leads from " + lead.sourceChannel());
      }
    }
    if (lead.email() == null && (lead.phone() == null || lead.company() == null)) {
      Stream.of("email", "phone", "company").filter(edited::contains).findFirst().ifPresent(field ->
          problems.add(field, "cannot be emptied: an email address, or a phone number and a company, identify the "
              + "person"));
    }
    String email = edited.contains("email") ? email(lead.email(), problems) : lead.email();
    String firstName = edited.contains("firstName") ? name("firstName", lead.firstName(), problems)
        : lead.firstName();
    String lastName = edited.contains("lastName") ? name("lastName", lead.lastName(), problems) : lead.lastName();
    String company = edited.contains("company") ? text("company", lead.company(), 200, problems) : lead.company();
    String jobTitle = edited.contains("jobTitle") ? text("jobTitle", lead.jobTitle(), 150, problems)
        : lead.jobTitle();
    String country = edited.contains("country") ? country(lead.country(), problems) : lead.country();
    String phone = edited.contains("phone") || edited.contains("country")
        ? phone(lead.phone(), country, lead.country() != null && country == null, problems) : lead.phone();
    problems.throwIfAny();
    return NewLead.of(email, firstName, lastName, company, jobTitle, phone, country, lead.sourceChannel(),
        lead.campaign());
  }

  private NewLead clean(NewLead lead, List<String> required, String requiredWhy, RequestType channelRequest,
      Problems problems) {
    for (String field : required) {
      if (isMissing(lead, field)) {
        problems.add(field, "is required " + requiredWhy);
      }
    }
    if (lead.email() == null && (lead.phone() == null || lead.company() == null)
        && !problems.has("email")) {
      problems.add("email", "is required, unless a phone number and a company identify the person");
    }
    String email = email(lead.email(), problems);
    String firstName = name("firstName", lead.firstName(), problems);
    String lastName = name("lastName", lead.lastName(), problems);
    String company = text("company", lead.company(), 200, problems);
    String jobTitle = text("jobTitle", lead.jobTitle(), 150, problems);
    String campaign = text("campaign", lead.campaign(), 100, problems);
    String interest = text("interest", lead.interest(), 100, problems);
    String country = country(lead.country(), problems);
    String phone = phone(lead.phone(), country, lead.country() != null && country == null, problems);
    String asset = asset(lead.asset(), problems);
    if (lead.companySize() != null && (lead.companySize() < 1 || lead.companySize() > MAX_COMPANY_SIZE)) {
      problems.add("companySize", "must be between 1 and " + MAX_COMPANY_SIZE);
    }
    followUp(lead, problems);
    if (lead.note() != null && (lead.note().length() > 2000 || NOTE_CONTROL.matcher(lead.note()).find())) {
      problems.add("note", "must be at most 2000 characters without control characters");
    }
    problems.throwIfAny();
    RequestType requestType = lead.requestType() != null ? lead.requestType()
        : channelRequest != null ? channelRequest : RequestType.INQUIRY;
    return new NewLead(email, firstName, lastName, company, jobTitle, phone, country, lead.sourceChannel(), campaign,
        requestType, asset, interest, lead.industry(), lead.companySize(), lead.jobLevel(), lead.persona(),
        lead.budget(), lead.authority(), lead.need(), lead.timeframe(), lead.marketingConsent(), lead.followUpOn(),
        lead.followUpOn() == null ? null : lead.followUpReason() == null ? FollowUpReason.OTHER : lead.followUpReason(),
        lead.note());
  }

  /** What a lead from the channel asks for when it does not say, or null. */
  RequestType requestTypeOf(String channel) {
    IntakeProperties.Channel known = properties.channels().get(channel);
    return known == null ? null : known.requestType();
  }

  /** The channels leads may come from. */
  @Override
  public java.util.Set<String> channels() {
    return new TreeSet<>(properties.channels().keySet());
  }

  private IntakeProperties.Channel channel(String name, Problems problems) {
    if (name == null) {
      problems.add("sourceChannel", "is required");
      return null;
    }
    IntakeProperties.Channel channel = properties.channels().get(name);
    if (channel == null) {
      problems.add("sourceChannel", "must be one of " + channels());
    }
    return channel;
  }

  private static final Map<String, Function<NewLead, Object>> FIELDS = Map.ofEntries(
      Map.entry("email", NewLead::email), Map.entry("firstName", NewLead::firstName),
      Map.entry("lastName", NewLead::lastName), Map.entry("company", NewLead::company),
      Map.entry("jobTitle", NewLead::jobTitle), Map.entry("phone", NewLead::phone),
      Map.entry("country", NewLead::country), Map.entry("campaign", NewLead::campaign),
      Map.entry("requestType", NewLead::requestType), Map.entry("asset", NewLead::asset),
      Map.entry("interest", NewLead::interest), Map.entry("industry", NewLead::industry),
      Map.entry("companySize", NewLead::companySize), Map.entry("marketingConsent", NewLead::marketingConsent));

  private static boolean isMissing(NewLead lead, String field) {
    Function<NewLead, Object> value = FIELDS.get(field);
    if (value == null) {
      throw new IllegalStateException("leadflow.intake.channels names the unknown field '" + field
          + "' as required; known fields are " + new TreeSet<>(FIELDS.keySet()));
    }
    return value.apply(lead) == null;
  }

  private static String email(String email, Problems problems) {
    if (email == null) {
      return null;
    }
    int at = email.lastIndexOf('@');
    if (email.length() > 254 || at > 64 || !EMAIL.matcher(email).matches()) {
      problems.add("email", "must be a well-formed email address");
      return null;
    }
    return email.toLowerCase(Locale.ROOT);
  }

  private static String name(String field, String name, Problems problems) {
    if (name == null) {
      return null;
    }
    String collapsed = name.replaceAll("\\s+", " ");
    if (collapsed.length() > 100) {
      problems.add(field, "must be at most 100 characters");
    } else if (!NAME.matcher(collapsed).matches()) {
      problems.add(field, "may contain only letters, spaces, apostrophes, hyphens and periods");
    }
    return collapsed;
  }

  private static String text(String field, String text, int maxLength, Problems problems) {
    if (text == null) {
      return null;
    }
    String collapsed = text.replaceAll("[ \\t]+", " ");
    if (collapsed.length() > maxLength) {
      problems.add(field, "must be at most " + maxLength + " characters");
    } else if (MARKUP_OR_CONTROL.matcher(collapsed).find()) {
      problems.add(field, "must not contain < > or control characters");
    }
    return collapsed;
  }

  private static String country(String country, Problems problems) {
    if (country == null) {
      return null;
    }
    return Countries.code(country).orElseGet(() -> {
      problems.add("country", "is not a known country: use an ISO 3166 code such as DE, or the country's name");
      return null;
    });
  }

  private static String phone(String phone, String country, boolean countryInvalid, Problems problems) {
    if (phone == null) {
      return null;
    }
    if (phone.length() > 40 || MARKUP_OR_CONTROL.matcher(phone).find()) {
      problems.add("phone", "must be a phone number of at most 40 characters");
      return null;
    }
    if (country == null && !phone.startsWith("+") && !phone.startsWith("00")) {
      if (!countryInvalid) {
        problems.add("phone", "needs the international prefix (e.g. +49 30 901820) or a country");
      }
      return null;
    }
    try {
      // without a country only "+" marks the international prefix for libphonenumber; "00" means the same
      PhoneNumber number = country != null ? PHONES.parse(phone, country)
          : PHONES.parse(phone.startsWith("00") ? "+" + phone.substring(2) : phone, "ZZ");
      if (!PHONES.isValidNumber(number)) {
        problems.add("phone", "is not a valid phone number" + (country == null ? "" : " for " + country));
        return null;
      }
      return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
    } catch (NumberParseException unreadable) {
      problems.add("phone", "is not a phone number");
      return null;
    }
  }

  private String asset(String asset, Problems problems) {
    if (asset == null) {
      return null;
    }
    if (!catalogue.assets().containsKey(asset)) {
      problems.add("asset", "must be one of " + new TreeSet<>(catalogue.assets().keySet()));
    }
    return asset;
  }

  private static void followUp(NewLead lead, Problems problems) {
    if (lead.followUpOn() == null) {
      if (lead.followUpReason() != null) {
        problems.add("followUpOn", "is required with followUpReason");
      }
      return;
    }
    LocalDate today = ClockUtil.now().toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    if (!lead.followUpOn().isAfter(today) || lead.followUpOn().isAfter(today.plusYears(3))) {
      problems.add("followUpOn", "must be a date after today and at most three years ahead");
    }
  }

  /** The problems found so far. */
  private static final class Problems {
    private final List<FieldProblem> found = new ArrayList<>();

    void add(String field, String detail) {
      found.add(new FieldProblem(field, detail));
    }

    boolean has(String field) {
      return found.stream().anyMatch(problem -> problem.field().equals(field));
    }

    void throwIfAny() {
      if (!found.isEmpty()) {
        throw new InvalidRequestException(found);
      }
    }
  }
}
