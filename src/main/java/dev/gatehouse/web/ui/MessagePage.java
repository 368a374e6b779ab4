package dev.gatehouse.web.ui;

/** A page that only tells the user something went wrong (an error or access denied). */
public record MessagePage(String brandTitle, String title, String message) {
}
