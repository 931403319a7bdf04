package io.leadflow.mail;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.springframework.web.util.HtmlUtils;

/**
 * Renders a mail from its two templates under {@code templates/mail/}: {@code <name>.html} (HTML mode; its
 * {@code <title>} is the subject) and {@code <name>.txt} (Thymeleaf's TEXT mode) for the plain-text part.
 */
class MailTemplates {

  /** A rendered mail. */
  record Rendered(String subject, String html, String text) {
  }

  private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL);

  private final SpringTemplateEngine engine = new SpringTemplateEngine();

  MailTemplates() {
    engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
    engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
  }

  Rendered render(String template, Map<String, Object> model) {
    Context context = new Context(Locale.ENGLISH, model);
    String html = engine.process(template + ".html", context);
    // TEXT mode keeps the line breaks around its block markers: tidy the blank lines they leave
    String text = engine.process(template + ".txt", context).strip()
        .replaceAll("\\n[ \\t]*(\\n[ \\t]*)+\\n", "\n\n") + "\n";
    Matcher title = TITLE.matcher(html);
    if (!title.find() || title.group(1).isBlank()) {
      throw new IllegalStateException("Mail template " + template + ".html has no <title>, which is the subject");
    }
    String subject = HtmlUtils.htmlUnescape(title.group(1)).replaceAll("\\s+", " ").trim();
    return new Rendered(subject, html, text);
  }

  private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/mail/");
    resolver.setTemplateMode(mode);
    resolver.setResolvablePatterns(java.util.Set.of(pattern));
    resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
    resolver.setCheckExistence(true);
    resolver.setOrder(order);
    return resolver;
  }
}
