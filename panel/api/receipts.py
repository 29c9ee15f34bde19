"""Receipts: upload, list, read, and the redacted image."""
from flask import Response, request
from flask.views import MethodView
from flask_smorest import Blueprint

from panel.api.limits import MAX_PAGE_SIZE, limited
from panel.api.openapi import needs_storage, refuses
from panel.api.security import BEARER, current_panelist
from panel.schemas import ReceiptQuerySchema, ReceiptSchema, UploadSchema
from panel.services import receipts
from panel.services.errors import Invalid

blp = Blueprint("receipts", __name__, url_prefix="/api/v1/receipts", description="Receipts")

IDEMPOTENCY_HEADER = {"in": "header", "name": "Idempotency-Key", "required": False,
                      "schema": {"type": "string", "maxLength": 200},
                      "description": "Retries with the same key within 24 h return the first "
                                     "receipt and change nothing."}


def _idempotency_key() -> str | None:
    key = request.headers.get("Idempotency-Key")
    if key is not None and not 1 <= len(key) <= 200:
        raise Invalid("The Idempotency-Key header must be 1 to 200 characters.")
    return key


@blp.route("")
class Receipts(MethodView):
    @blp.arguments(ReceiptQuerySchema, location="query")
    @blp.response(200, ReceiptSchema(many=True))
    @blp.paginate(max_page_size=MAX_PAGE_SIZE)
    @blp.doc(security=BEARER)
    def get(self, args, pagination_parameters):
        """Your receipts, newest first."""
        items, total = receipts.listing_for(current_panelist(), args.get("status"),
                                            pagination_parameters.page,
                                            pagination_parameters.page_size)
        pagination_parameters.item_count = total
        return items

    @limited(blp, "upload")
    @refuses(blp, 403, "You have left the panel, so new receipts cannot be shared.")
    @refuses(blp, 413, "A page is too large (bytes or pixels), the pages together have too "
                       "many pixels, or your storage is full.")
    @refuses(blp, 415, "A page is not a JPEG, PNG, WebP or HEIC photo, nor a PDF.")
    @refuses(blp, 422, "A page is damaged; or a PDF is encrypted, carries scripts or actions, "
                       "or was sent with other parts.")
    @needs_storage(blp)
    @blp.arguments(UploadSchema, location="files")
    @blp.response(202, ReceiptSchema)
    @blp.doc(security=BEARER, parameters=[IDEMPOTENCY_HEADER])
    def post(self, files):
        """Share a receipt: one or more photos, the pages of one receipt, top to bottom; or
        one PDF e-receipt as the only part (its text layer is read, its pages rendered; only
        the redacted rendering is kept)."""
        panelist = current_panelist()
        pages = [upload.read() for upload in files["image"]]
        return receipts.submit(panelist, pages, _idempotency_key())


@blp.route("/<receipt_id>")
class ReceiptById(MethodView):
    @blp.response(200, ReceiptSchema)
    @blp.doc(security=BEARER)
    def get(self, receipt_id):
        """One of your receipts."""
        return receipts.get_for(current_panelist(), receipt_id)

    @needs_storage(blp)
    @blp.response(204)
    @blp.doc(security=BEARER)
    def delete(self, receipt_id):
        """Erase a receipt: its images in every version and every row about it."""
        receipts.delete(current_panelist(), receipt_id)


@blp.route("/<receipt_id>/image")
class ReceiptImage(MethodView):
    @needs_storage(blp)
    @blp.response(200, content_type="image/jpeg")
    @blp.doc(security=BEARER)
    def get(self, receipt_id):
        """The redacted image of one of your receipts (never the original)."""
        data = receipts.redacted_image(current_panelist(), receipt_id)
        return Response(data, mimetype="image/jpeg", headers={"Cache-Control": "private"})


@blp.route("/<receipt_id>/withdraw")
class Withdraw(MethodView):
    @blp.response(200, ReceiptSchema)
    @blp.doc(security=BEARER)
    def post(self, receipt_id):
        """Take a receipt back: you still see it, but it is excluded from every use and count."""
        return receipts.withdraw(current_panelist(), receipt_id)
