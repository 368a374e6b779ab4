# Extract all groups the user is a member of
groups = [group.name for group in user.ak_groups.all()]
# Nextcloud admins must be members of a group called "admin".
# This is static and cannot be changed.
# We append a fictional "admin" group to the user's groups if they are a member of "nextcloud Admins" in authentik.
# This group would only be visible in Nextcloud and does not exist in authentik.
if "nextcloud Admins" in groups:
    groups = ["admin"]
else:
    groups = []
return {
    # Display name
    "name": request.user.name,
    "groups": groups,
    # To set a quota set the "nextcloud_quota" property in the user's attributes
    "quota": user.group_attributes().get("nextcloud_quota", None),
    # To connect an already existing user, set the "nextcloud_user_id" property in the
    # user's attributes to the username of the corresponding user on Nextcloud.
    # Uses the Authentik username if attribute is not set.
    "user_id": user.attributes.get("nextcloud_user_id", str(user.username)),
}
