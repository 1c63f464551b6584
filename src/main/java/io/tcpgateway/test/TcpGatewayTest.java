package io.tcpgateway.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A test of the gateway and the application's message handlers and flows, and nothing
 * else: starts the gateway on a free TCP port with the application's
 * {@link io.tcpgateway.handler.TcpMessageHandler} components and the
 * {@code @Configuration} classes that declare an {@code IntegrationFlow} bean (other
 * components are left out, and no web server starts) and injects a {@link TcpTestClient}.
 *
 * <pre class="code">
 * &#64;TcpGatewayTest
 * class CommandHandlerTests {
 *
 *     &#64;Autowired
 *     TcpTestClient client;
 *
 *     &#64;Test
 *     void pingAnswersPong() {
 *         try (TcpTestConnection connection = client.connect()) {
 *             assertThat(connection.send("PING").receiveString()).isEqualTo("PONG");
 *         }
 *     }
 *
 * }
 * </pre>
 *
 * <p>
 * Further beans can be added with {@code @Import} or the {@link #includeFilters()}. A
 * test whose gateway would answer with the echo while the application's packages declare
 * a handler or flow that the slice left out (by {@link #excludeFilters()}, say) fails to
 * start, naming it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(TcpGatewayTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(TcpGatewayTypeExcludeFilter.class)
@AutoConfigureTcpGateway
public @interface TcpGatewayTest {

	/**
	 * @return properties in {@code key=value} form to add to the environment;
	 * {@code tcp-gateway.port} is 0 (a free port) unless set here
	 */
	String[] properties() default {};

	/**
	 * @return whether to include the default components (message handlers) found by
	 * component scanning
	 */
	boolean useDefaultFilters() default true;

	/**
	 * @return further components to include
	 */
	ComponentScan.Filter[] includeFilters() default {};

	/**
	 * @return components to leave out
	 */
	ComponentScan.Filter[] excludeFilters() default {};

	/**
	 * @return auto-configuration classes to leave out
	 */
	@AliasFor(annotation = org.springframework.boot.autoconfigure.ImportAutoConfiguration.class, attribute = "exclude")
	Class<?>[] excludeAutoConfiguration() default {};

}
