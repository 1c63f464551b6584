/**
 * An event-driven TCP gateway on Spring Boot and Spring Integration.
 */
package io.tcpgateway;
