// Posts the form_post / autosubmit form at once; without JavaScript its button does the same.
document.querySelectorAll("form[data-autosubmit]").forEach(function (form) { form.submit(); });
