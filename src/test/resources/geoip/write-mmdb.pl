#!/usr/bin/perl
# Writes a small MaxMind DB (.mmdb) for tests with Debian's libmaxmind-db-writer-perl.
# Usage: write-mmdb.pl OUT.mmdb DATABASE_TYPE < networks.json
# networks.json maps CIDR networks to records in GeoIP2 shape, e.g.
#   {"203.0.113.0/24": {"country": {"iso_code": "CH"}, "location": {"latitude": 46.9481, "longitude": 7.4474}}}
use strict;
use warnings;
use JSON::PP;
use MaxMind::DB::Writer::Tree;

my ($out, $type) = @ARGV;
die "usage: $0 OUT.mmdb DATABASE_TYPE < networks.json\n" unless $out && $type;
my $networks = JSON::PP->new->decode(do { local $/; <STDIN> });

my %types = (
    continent                      => 'map',
    country                        => 'map',
    registered_country             => 'map',
    city                           => 'map',
    location                       => 'map',
    names                          => 'map',
    code                           => 'utf8_string',
    iso_code                       => 'utf8_string',
    en                             => 'utf8_string',
    geoname_id                     => 'uint32',
    latitude                       => 'double',
    longitude                      => 'double',
    accuracy_radius                => 'uint16',
    time_zone                      => 'utf8_string',
    autonomous_system_number       => 'uint32',
    autonomous_system_organization => 'utf8_string',
);

my $tree = MaxMind::DB::Writer::Tree->new(
    ip_version               => 6,
    record_size              => 28,
    database_type            => $type,
    languages                => ['en'],
    description              => { en => 'Gatehouse test database' },
    alias_ipv6_to_ipv4       => 1,
    remove_reserved_networks => 0,
    map_key_type_callback    => sub { $types{ $_[0] } or die "no type for key $_[0]\n" },
);
for my $network (sort keys %$networks) {
    $tree->insert_network($network, $networks->{$network});
}
open my $fh, '>:raw', $out or die "cannot write $out: $!\n";
$tree->write_tree($fh);
close $fh or die "cannot write $out: $!\n";
