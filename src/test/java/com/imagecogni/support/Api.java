package com.imagecogni.support;

import static io.restassured.RestAssured.given;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** REST Assured requests as a user (JWT), a backend (API key), or from another client address. */
public final class Api {

    private Api() {
    }

    /** The management interface of the service under test (health, metrics), on its own port. */
    public static RequestSpecification management() {
        int port = ConfigProvider.getConfig().getOptionalValue("quarkus.management.test-port", Integer.class).orElse(9001);
        return given().baseUri("http://localhost").port(port);
    }

    public static RequestSpecification json() {
        return given().contentType(ContentType.JSON);
    }

    public static RequestSpecification asUser(String jwt) {
        return json().header("Authorization", "Bearer " + jwt);
    }

    public static RequestSpecification withKey(String apiKey) {
        return json().header("Authorization", apiKey);
    }

    /** A JSON request whose TCP connection comes from {@code address} (any 127.x address works on loopback). */
    public static RequestSpecification from(String address) {
        return connectionFrom(address).contentType(ContentType.JSON);
    }

    /** A request of any content type whose TCP connection comes from {@code address}. */
    public static RequestSpecification connectionFrom(String address) {
        try {
            InetAddress local = InetAddress.getByName(address);
            return given().config(RestAssuredConfig.config().httpClient(
                    HttpClientConfig.httpClientConfig().setParam("http.route.local-address", local)));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }
}
