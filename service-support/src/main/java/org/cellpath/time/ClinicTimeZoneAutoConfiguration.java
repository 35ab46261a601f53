package org.cellpath.time;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Binds {@link ClinicTimeZone}. Apart from the clock's configuration, so that a test of the clock
 * alone needs no clinic; a service always has one, from service-defaults.yml.
 */
@AutoConfiguration
@EnableConfigurationProperties(ClinicTimeZone.class)
public class ClinicTimeZoneAutoConfiguration {}
