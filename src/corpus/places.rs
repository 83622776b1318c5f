//! China's administrative divisions (assets/places/divisions.tsv), for
//! completing a report's place.
