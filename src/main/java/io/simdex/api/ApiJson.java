package io.simdex.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one JSON configuration of simdex's answers: snake_case field names, for HTTP and the command line alike. */
public final class ApiJson {

    private ApiJson() {
    }

    /** A new mapper with simdex's conventions. */
    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                .findAndAddModules()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .build();
    }
}
