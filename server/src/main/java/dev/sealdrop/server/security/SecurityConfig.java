package dev.sealdrop.server.security;

import java.time.Clock;

import dev.sealdrop.server.problem.ProblemResponseWriter;
import dev.sealdrop.server.tokens.ApiTokenService;
import jakarta.servlet.DispatcherType;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * The whole HTTP security policy in one place.
 * <ul>
 * <li>Stateless: no sessions, no cookies, no form login; every request authenticates with HTTP
 * Basic or a Bearer API token.</li>
 * <li>Public: {@code GET /api/v1/server-key}, {@code GET /api/v1/server-key.pem},
 * {@code GET /api/v1/server-key/ca.pem}, {@code POST /api/v1/server-key/challenge}, health, info,
 * OpenAPI and Swagger UI. Administrators only: {@code /api/v1/users/**} (except {@code /me}),
 * {@code /api/v1/admin/**}, and the other actuator endpoints ({@code /actuator/prometheus} may be
 * opened with {@code sealdrop.security.prometheus-public}). Everything else: any authenticated
 * user.</li>
 * <li>CSRF protection is off for {@code /api/**}: there is no ambient cookie authority, and the
 * JSON endpoints need a CORS preflight that is never granted.</li>
 * <li>Headers: HSTS on HTTPS requests, {@code nosniff}, frame DENY, {@code no-referrer}, and a
 * deny-all Content-Security-Policy on everything but Swagger UI (which needs scripts).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SealdropSecurityProperties.class)
class SecurityConfig {

	private static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
			+ "form-action 'none'; sandbox";

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	LoginThrottle loginThrottle(SealdropSecurityProperties properties) {
		return new LoginThrottle(properties.loginThrottle(), Clock.systemUTC());
	}

	@Bean
	AuthenticationManager authenticationManager(SealdropUserDetailsService userDetailsService,
			PasswordEncoder passwordEncoder, LoginThrottle throttle, AuthenticationEventPublisher events) {
		DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(userDetailsService);
		passwords.setPasswordEncoder(passwordEncoder);
		passwords.setUserDetailsPasswordService(userDetailsService);
		// Check "enabled" only after the password: checking it first answers faster for disabled
		// accounts, which would let anyone probe which accounts exist and are disabled.
		passwords.setPreAuthenticationChecks((user) -> {
		});
		passwords.setPostAuthenticationChecks((user) -> {
			if (!user.isEnabled()) {
				throw new DisabledException("User is disabled");
			}
		});
		ProviderManager manager = new ProviderManager(new ThrottlingAuthenticationProvider(passwords, throttle));
		// Failed sign-ins become audit entries (audit.LoginFailureAuditor listens for the events).
		manager.setAuthenticationEventPublisher(events);
		return manager;
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, AuthenticationManager authenticationManager,
			ApiTokenService tokens, LoginThrottle throttle, ProblemResponseWriter problems,
			SealdropSecurityProperties properties) {
		var entryPoint = new ProblemAuthenticationEntryPoint(problems);
		var swaggerUi = new OrRequestMatcher(PathPatternRequestMatcher.pathPattern("/swagger-ui/**"),
				PathPatternRequestMatcher.pathPattern("/swagger-ui.html"));
		http.authenticationManager(authenticationManager)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.ignoringRequestMatchers("/api/**"))
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.httpBasic((basic) -> basic.authenticationEntryPoint(entryPoint))
			.addFilterBefore(new BearerTokenAuthenticationFilter(tokens, throttle, entryPoint),
					BasicAuthenticationFilter.class)
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(new ProblemAccessDeniedHandler(problems)))
			.headers((headers) -> headers.contentTypeOptions((options) -> {
			})
				.frameOptions((frames) -> frames.deny())
				.httpStrictTransportSecurity((hsts) -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(swaggerUi),
						new StaticHeadersWriter("Content-Security-Policy", API_CSP))))
			.authorizeHttpRequests((requests) -> {
				// Error dispatches render an error for a request already authorized (or rejected).
				requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
				for (HttpMethod read : new HttpMethod[] { HttpMethod.GET, HttpMethod.HEAD }) {
					requests.requestMatchers(read, "/api/v1/server-key", "/api/v1/server-key.pem",
							"/api/v1/server-key/ca.pem")
						.permitAll();
				}
				// Proves possession of the signing key to clients that have not authenticated yet.
				requests.requestMatchers(HttpMethod.POST, "/api/v1/server-key/challenge").permitAll();
				requests.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll();
				requests.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui/**",
						"/swagger-ui.html")
					.permitAll();
				requests.requestMatchers("/api/v1/users/me", "/api/v1/users/me/**").authenticated();
				requests.requestMatchers("/api/v1/users", "/api/v1/users/**", "/api/v1/admin/**", "/api/v1/audit",
						"/api/v1/audit/**").hasRole("ADMIN");
				if (properties.prometheusPublic()) {
					requests.requestMatchers("/actuator/prometheus").permitAll();
				}
				requests.requestMatchers("/actuator", "/actuator/**").hasRole("ADMIN");
				requests.anyRequest().authenticated();
			});
		return http.build();
	}

}
