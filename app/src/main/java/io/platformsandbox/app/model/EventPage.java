package io.platformsandbox.app.model;

import java.util.List;

/** One answer of {@code GET /v1/topics/{t}/events}: events oldest first, and where to go on. */
public record EventPage(List<EventItem> events, long lastOffset, boolean more) {}
