# Expression Policy: Only allow logins from Switzerland and local network
# Allow local RFC1918 addresses
if ak_is_in_network(context['http_request'].META['REMOTE_ADDR'], '192.168.0.0/16'):
    return True
# Check country code from Geo-IP
geo_data = context.get('geoip', {})
if geo_data.get('country', {}).get('iso_code') == 'CH':
    return True
ak_message("Access denied from your current location.")
return False
