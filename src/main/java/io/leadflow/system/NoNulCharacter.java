package io.leadflow.system;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import org.springframework.stereotype.Component;

/**
 * Refuses text with the NUL character (U+0000) in every JSON body Leadflow's API reads, naming the field: PostgreSQL
 * cannot store it, and a request that carried one used to fail in the database with a 500. Spring Boot adds every
 * Jackson module bean to its object mapper, so JSON from other systems read with it (Salesforce's answers) is held
 * to the same rule: such text could not be stored either.
 */
@Component
public class NoNulCharacter extends SimpleModule {

  /** What a field or parameter with a NUL is told. */
  public static final String DETAIL = "must not contain the NUL character (\\u0000)";

  NoNulCharacter() {
    super("leadflow-no-nul-character");
    addDeserializer(String.class, new Text());
  }

  /** Thrown for the field whose text holds a NUL; Jackson adds the field's path. */
  static final class NulInTextException extends JsonMappingException {

    NulInTextException(JsonParser parser) {
      super(parser, "Text must not contain the NUL character");
    }
  }

  private static final class Text extends StringDeserializer {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      String text = super.deserialize(parser, context);
      if (text != null && text.indexOf('\u0000') >= 0) {
        throw new NulInTextException(parser);
      }
      return text;
    }
  }
}
