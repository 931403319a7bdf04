package io.leadflow.system;

import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Right;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.CustomFunctionTransformer;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.feel.FeelEngine;
import org.camunda.feel.context.Context;
import org.camunda.feel.context.FunctionProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.valuemapper.ValueMapper;
import org.springframework.stereotype.Component;

/**
 * Decision tables evaluated with every FEEL cell parsed once instead of on every evaluation: Camunda's FEEL
 * integration parses each input entry and expression again whenever a table runs (camunda/feel-scala#1149), which
 * was 7 % of the CPU under intake load. What a cell means and how it is evaluated are unchanged.
 */
@Component
class ParsedOnceFeel extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
        ? configuration.getDmnEngineConfiguration()
        : (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    // read when the DMN engine is built, after the process engine has added its custom functions
    dmn.setFeelEngineFactory(() -> new DecisionFeel(dmn.getFeelCustomFunctionProviders()));
    configuration.setDmnEngineConfiguration(dmn);
  }

  /** Camunda's FEEL integration (value mappers, custom functions, input variable) over the parsing-once engine. */
  static final class DecisionFeel extends ScalaFeelEngine {

    DecisionFeel(List<FeelCustomFunctionProvider> functionProviders) {
      super(functionProviders);
    }

    @Override
    protected FeelEngine buildFeelEngine(CustomFunctionTransformer functions,
        ValueMapper.CompositeValueMapper values) {
      return new ParsingOnce(functions, values);
    }

    ParsingOnce engine() {
      return (ParsingOnce) feelEngine;
    }
  }

  /** The FEEL engine with a cache of parsed expressions; a text that does not parse keeps failing the same way. */
  static final class ParsingOnce extends FeelEngine {

    /** Far more than the cells of all deployed tables; beyond it an expression is parsed on every evaluation. */
    private static final int MAX_CACHED = 10_000;

    private final Map<String, Either<Failure, ParsedExpression>> unaryTests = new ConcurrentHashMap<>();
    private final Map<String, Either<Failure, ParsedExpression>> expressions = new ConcurrentHashMap<>();

    ParsingOnce(FunctionProvider functions, ValueMapper values) {
      // as Camunda builds it: no external (Java) functions callable from a table
      super(functions, values, new FeelEngine.Configuration(false), FeelEngine.defaultClock());
    }

    @Override
    public Either<Failure, Object> evalUnaryTests(String expression, Context context) {
      return eval(parsed(unaryTests, expression, this::parseUnaryTests), context);
    }

    @Override
    public Either<Failure, Object> evalExpression(String expression, Context context) {
      return eval(parsed(expressions, expression, this::parseExpression), context);
    }

    int cachedExpressions() {
      return unaryTests.size() + expressions.size();
    }

    private static Either<Failure, ParsedExpression> parsed(Map<String, Either<Failure, ParsedExpression>> cache,
        String expression, Function<String, Either<Failure, ParsedExpression>> parser) {
      Either<Failure, ParsedExpression> parsed = cache.get(expression);
      if (parsed == null) {
        parsed = parser.apply(expression);
        if (cache.size() < MAX_CACHED) {
          cache.put(expression, parsed);
        }
      }
      return parsed;
    }

    @SuppressWarnings("unchecked")
    private Either<Failure, Object> eval(Either<Failure, ParsedExpression> parsed, Context context) {
      return parsed instanceof Right<Failure, ParsedExpression> expression
          ? eval(expression.value(), context)
          : (Either<Failure, Object>) (Either<?, ?>) parsed;
    }
  }
}
